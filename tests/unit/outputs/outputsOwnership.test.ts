// A job's files are its own: unique names in a shared folder (even when two pipelines race),
// relative folders refused, delete removes only what the job still owns, and the transcript
// lives in the database whatever formats were ticked.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { JobOptionsSchema, DEFAULT_SETTINGS } from '@shared/domain'
import { type Transcript } from '@shared/transcript'
import { parseRequest } from '@shared/ipc/contract'
import { writeOutputs } from '../../../src/main/pipeline/writeOutputs'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { outputClaims } from '../../../src/main/core/db/outputClaims'
import { removeJobFiles } from '../../../src/main/core/service/jobOutputs'
import { readTranscript } from '../../../src/main/core/transcripts/readTranscript'
import { TranscriptRepository } from '../../../src/main/core/transcripts/transcriptRepository'
import { adoptOutputs, formatsToWrite } from '../../../src/main/core/transcripts/adoptOutputs'
import {
  createTempDatabase,
  makeTempDir,
  removeDir,
  sampleJob,
  type TempDatabase
} from '../../support/db'
import { testJobOptions } from '../../support/jobOptions'

const transcript = (text: string): Transcript => ({
  durationSeconds: 2,
  segments: [{ start: 0, end: 2, text, words: [{ word: text, start: 0, end: 2 }] }]
})

let dir: string
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(() => removeDir(dir))

describe('unique output names', () => {
  test('a second job on the same file name gets "(2)", and the first keeps its text', async () => {
    const first = await writeOutputs(transcript('first'), ['txt', 'srt'], dir, 'talk')
    const second = await writeOutputs(transcript('second'), ['txt', 'srt'], dir, 'talk')
    expect(first.txt).toBe(join(dir, 'talk.txt'))
    expect(second.txt).toBe(join(dir, 'talk (2).txt'))
    expect(second.srt).toBe(join(dir, 'talk (2).srt'))
    expect(readFileSync(first.txt ?? '', 'utf8')).toBe('first\n')
    expect(readFileSync(second.txt ?? '', 'utf8')).toBe('second\n')
  })

  test('ten pipelines racing for one name each get their own files', async () => {
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writeOutputs(transcript(`job ${i}`), ['txt', 'vtt'], dir, 'talk')
      )
    )
    const txts = all.map((o) => o.txt)
    expect(new Set(txts).size).toBe(10)
    all.forEach((o, i) => expect(readFileSync(o.txt ?? '', 'utf8')).toBe(`job ${i}\n`))
    // Nothing stray: 10 jobs × 2 formats, no placeholders or temp files left over.
    expect(readdirSync(dir)).toHaveLength(20)
  })

  test('a name taken by a file of one format moves every format of the job', async () => {
    writeFileSync(join(dir, 'talk.srt'), 'someone else’s subtitles')
    const out = await writeOutputs(transcript('mine'), ['txt', 'srt'], dir, 'talk')
    expect(out.txt).toBe(join(dir, 'talk (2).txt'))
    expect(readFileSync(join(dir, 'talk.srt'), 'utf8')).toBe('someone else’s subtitles')
    expect(existsSync(join(dir, 'talk.txt'))).toBe(false)
  })
})

describe('relative output folders', () => {
  const options = testJobOptions({ outputDir: 'transcripts' })
  test('are refused with a reason, in job options and settings alike', () => {
    const job = JobOptionsSchema.safeParse(options)
    expect(job.success).toBe(false)
    expect(job.error?.issues[0]?.message).toMatch(/full path/)
    const request = parseRequest('jobs.create', { paths: ['/a.wav'], options })
    expect(request.ok).toBe(false)
    if (!request.ok) expect(request.error).toMatch(/outputDir: .*full path/)
    const settings = parseRequest('settings.set', {
      settings: { ...DEFAULT_SETTINGS, outputDir: './out' }
    })
    expect(settings.ok).toBe(false)
  })
  test('absolute ones (POSIX, Windows, UNC) and the default are accepted', () => {
    for (const outputDir of ['', '/home/me/t', 'C:\\Users\\me', 'D:/x', '\\\\server\\share'])
      expect(JobOptionsSchema.safeParse({ ...options, outputDir }).success).toBe(true)
  })
})

describe('ownership in the database', () => {
  let temp: TempDatabase
  let jobs: JobRepository
  let transcripts: TranscriptRepository
  beforeEach(() => {
    temp = createTempDatabase()
    jobs = new JobRepository(temp.db)
    transcripts = new TranscriptRepository(temp.db)
  })
  afterEach(() => temp.cleanup())

  function completed(outputs: Record<string, string>, formats = 'txt'): number {
    const { id } = jobs.createJob(sampleJob({ formats }))
    jobs.startJob(id)
    jobs.completeJob(id, outputs)
    return id
  }

  test('deleting a job leaves a file that a later job wrote at the same path', () => {
    const path = join(dir, 'talk.txt')
    writeFileSync(path, 'later job')
    const older = completed({ txt: path })
    completed({ txt: path })
    const claims = outputClaims(temp.db)
    const removed = removeJobFiles(jobs.getJob(older)!, temp.dir, {
      uploadStillUsed: false,
      ownedByOther: (p) => claims(older, p)
    })
    expect(removed).toEqual([])
    expect(readFileSync(path, 'utf8')).toBe('later job')
  })

  test('its own files are removed', () => {
    const path = join(dir, 'mine.txt')
    writeFileSync(path, 'x')
    const id = completed({ txt: path })
    const claims = outputClaims(temp.db)
    expect(
      removeJobFiles(jobs.getJob(id)!, temp.dir, {
        uploadStillUsed: false,
        ownedByOther: (p) => claims(id, p)
      })
    ).toEqual([path])
    expect(existsSync(path)).toBe(false)
  })

  test('with json unticked the transcript is stored and the json file removed', async () => {
    const { id } = jobs.createJob(sampleJob({ formats: 'txt,srt' }))
    jobs.startJob(id)
    expect(formatsToWrite(['txt', 'srt'])).toEqual(['txt', 'srt', 'json'])
    const written = await writeOutputs(transcript('hello there'), ['txt', 'srt', 'json'], dir, 'a')
    const kept = adoptOutputs(jobs.getJob(id)!, written, transcripts)
    expect(Object.keys(kept).sort()).toEqual(['srt', 'txt'])
    expect(existsSync(written.json ?? '')).toBe(false)
    jobs.completeJob(id, kept)
    expect(readTranscript(jobs.getJob(id)!, transcripts)?.segments[0]?.text).toBe('hello there')
  })

  test('an edit is what readers see; the original stays; deleting the job removes both', () => {
    const id = completed({})
    transcripts.storeOriginal(id, transcript('engine words'))
    transcripts.saveEdit(id, transcript('corrected words'), null)
    expect(transcripts.get(id)?.transcript.segments[0]?.text).toBe('corrected words')
    expect(transcripts.get(id)?.editedAt).not.toBeNull()
    expect(transcripts.original(id)?.segments[0]?.text).toBe('engine words')
    transcripts.revert(id)
    expect(transcripts.get(id)?.transcript.segments[0]?.text).toBe('engine words')
    jobs.deleteJob(id)
    expect(transcripts.get(id)).toBeNull()
  })
})
