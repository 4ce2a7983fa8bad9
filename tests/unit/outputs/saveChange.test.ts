// saveChange on a real database and real files: consecutive saves (an autosave after another)
// build on what the previous one made without reading it back, and never on a version that was
// replaced since, even one that came back with the same editedAt (a revert, then a save).
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Transcript } from '@shared/transcript'
import { changeBetween } from '@shared/transcriptChange'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import {
  saveChange,
  type SaveDeps,
  type SaveMemo
} from '../../../src/main/core/transcripts/saveChange'
import { TranscriptRepository } from '../../../src/main/core/transcripts/transcriptRepository'
import { writeOutputs } from '../../../src/main/pipeline/writeOutputs'
import { createTempDatabase, sampleJob, type TempDatabase } from '../../support/db'

const transcript = (...lines: string[]): Transcript => ({
  durationSeconds: lines.length * 2,
  segments: lines.map((text, i) => ({
    start: i * 2,
    end: i * 2 + 1,
    text,
    words: text
      .split(' ')
      .map((word, w) => ({ word, start: i * 2 + w * 0.1, end: i * 2 + w * 0.1 + 0.1 }))
  }))
})

let temp: TempDatabase
let deps: SaveDeps
let id: number
let srt: string

beforeEach(async () => {
  temp = createTempDatabase()
  const jobs = new JobRepository(temp.db)
  const transcripts = new TranscriptRepository(temp.db)
  id = jobs.createJob(sampleJob({ formats: 'srt' })).id
  const engine = transcript('one two', 'three four')
  const files = await writeOutputs(engine, ['srt'], temp.dir, 'talk')
  srt = files.srt!
  jobs.startJob(id)
  jobs.completeJob(id, files)
  transcripts.storeOriginal(id, engine)
  deps = { transcripts, mustGet: (job) => jobs.getJob(job)!, ownedByOther: () => false }
})
afterEach(() => temp.cleanup())

describe('saveChange', () => {
  test('saves one after another build on each other; the file follows each', () => {
    const memo: SaveMemo = { last: null }
    let mine = { transcript: transcript('one two', 'three four'), editedAt: null as number | null }
    for (const line of ['one two too', 'one two three', 'uno dos']) {
      const edited = {
        ...mine.transcript,
        segments: [{ ...mine.transcript.segments[0], text: line }, mine.transcript.segments[1]]
      }
      const change = changeBetween(mine.transcript, edited)
      const saved = saveChange(deps, { id, change, baseEditedAt: mine.editedAt }, memo)
      expect(saved.files).toEqual({ updated: [srt], left: [] })
      mine = { transcript: edited, editedAt: saved.editedAt }
    }
    expect(deps.transcripts.get(id)?.transcript.segments.map((s) => s.text)).toEqual([
      'uno dos',
      'three four'
    ])
    expect(readFileSync(srt, 'utf8')).toContain('uno dos')
  })

  test('a version replaced under the same editedAt is read again, not taken from the last save', () => {
    const memo: SaveMemo = { last: null }
    const base = transcript('one two', 'three four')
    const first = saveChange(
      deps,
      {
        id,
        change: changeBetween(base, transcript('one two', 'three four five')),
        baseEditedAt: null
      },
      memo
    )
    // Another host makes a different version that happens to carry the same editedAt.
    deps.transcripts.revert(id)
    expect(
      deps.transcripts.saveEdit(id, transcript('six seven', 'three four'), null, first.editedAt)
    ).toBe('saved')
    expect(deps.transcripts.version(id)?.editedAt).toBe(first.editedAt)
    // This host's next save is made on that version (its page reloaded it): the first segment edited.
    const reloaded = deps.transcripts.get(id)!.transcript
    const edited = {
      ...reloaded,
      segments: [{ ...reloaded.segments[0], text: 'six seven eight' }, reloaded.segments[1]]
    }
    saveChange(
      deps,
      { id, change: changeBetween(reloaded, edited), baseEditedAt: first.editedAt },
      memo
    )
    expect(deps.transcripts.get(id)?.transcript.segments.map((s) => s.text)).toEqual([
      'six seven eight',
      'three four'
    ])
  })
})
