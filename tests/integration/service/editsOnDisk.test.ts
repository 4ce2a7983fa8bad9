// An edit made on the job page reaches the job's files on disk: a real pocketsphinx job writes
// txt, srt, vtt and json; saving an edit rewrites each of them; a file the user changed outside
// the app is left exactly as it is, and said so; going back to the engine's text restores the
// engine's files. Real service, real pipeline, real files.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobRow } from '@shared/domain'
import type { Transcript, TranscriptSaved } from '@shared/transcript'
import { changeBetween, type TranscriptChange } from '@shared/transcriptChange'
import type { IpcResult } from '@shared/ipc/contract'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { dispatchRequest } from '../../../src/main/core/hosting/dispatchRequest'
import { librivoxClips } from '../../support/speech'
import { testJobOptions } from '../../support/jobOptions'

const ctx = { clientId: 'client-edits' }
let dir: string
let service: TranscriptionService
let job: JobRow
let engineFiles: Record<string, string>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-edits-'))
  service = createTranscriptionService({ dataDir: join(dir, 'data') })
  await service.start()
  const options = testJobOptions({ formats: ['txt', 'srt', 'vtt', 'json'] })
  const { created } = await service.handlers['jobs.create'](
    { paths: [librivoxClips()[0]], options },
    ctx
  )
  ;[job] = await service.waitForJobs([created[0].id])
  engineFiles = Object.fromEntries(
    Object.entries(JSON.parse(job.output_files ?? '{}') as Record<string, string>).map(
      ([format, path]) => [format, readFileSync(path, 'utf8')]
    )
  )
}, 120_000)
afterAll(async () => {
  await service.shutdown('test over')
  rmSync(dir, { recursive: true, force: true })
})

const pathOf = (format: string): string =>
  (JSON.parse(job.output_files ?? '{}') as Record<string, string>)[format]

function withFirstSegment(t: Transcript, text: string): Transcript {
  return { ...t, segments: t.segments.map((s, i) => (i === 0 ? { ...s, text } : s)) }
}

describe('edits on disk', () => {
  it('a saved edit rewrites every output file; a reverted one restores the engine’s', async () => {
    expect(job.status).toBe('completed')
    const doc = await service.handlers['transcripts.get']({ id: job.id }, ctx)
    const edited = withFirstSegment(doc!.transcript, 'Corrected by hand')
    const saved = await service.handlers['transcripts.save'](
      { id: job.id, change: changeBetween(doc!.transcript, edited), baseEditedAt: doc!.editedAt },
      ctx
    )
    expect(saved.files?.left).toEqual([])
    expect([...(saved.files?.updated ?? [])].sort()).toEqual(
      ['json', 'srt', 'txt', 'vtt'].map(pathOf).sort()
    )
    for (const format of ['txt', 'srt', 'vtt', 'json'])
      expect(readFileSync(pathOf(format), 'utf8')).toContain('Corrected by hand')
    // Atomic writes: nothing but the four files (and no temp file) in the folder.
    expect(readdirSync(dirname(pathOf('txt'))).filter((f) => f.startsWith('.'))).toEqual([])

    const reverted = await service.handlers['transcripts.revert']({ id: job.id }, ctx)
    expect(reverted.files?.updated).toHaveLength(4)
    for (const format of ['txt', 'srt', 'vtt', 'json'])
      expect(readFileSync(pathOf(format), 'utf8')).toBe(engineFiles[format])
  })

  it('a file changed outside the app is never overwritten, and the save says so', async () => {
    const mine = 'My own subtitles, fixed in a text editor.\n'
    writeFileSync(pathOf('srt'), mine)
    const doc = await service.handlers['transcripts.get']({ id: job.id }, ctx)
    const saved = await service.handlers['transcripts.save'](
      {
        id: job.id,
        change: changeBetween(
          doc!.transcript,
          withFirstSegment(doc!.transcript, 'Second correction')
        ),
        baseEditedAt: doc!.editedAt
      },
      ctx
    )
    expect(saved.files?.left).toEqual([
      { path: pathOf('srt'), why: 'changed outside Transcriptor' }
    ])
    expect(saved.files?.updated).toHaveLength(3)
    expect(readFileSync(pathOf('srt'), 'utf8')).toBe(mine)
    expect(readFileSync(pathOf('txt'), 'utf8')).toContain('Second correction')
  })

  it('impossible times are refused with one line; the files on disk stay as they were', async () => {
    const doc = await service.handlers['transcripts.get']({ id: job.id }, ctx)
    const t = doc!.transcript
    const [first, second] = t.segments
    const before = Object.fromEntries(
      ['txt', 'srt', 'vtt', 'json'].map((f) => [f, readFileSync(pathOf(f), 'utf8')])
    )
    const last = t.segments.length - 1
    const hostile: [TranscriptChange, RegExp][] = [
      [
        changeBetween(t, withTimes(t, 0, { end: 1e308 })),
        /segments\.0\.end: must be at most \d+ s$/
      ],
      [
        changeBetween(t, withTimes(t, 0, { start: 50, end: 10 })),
        /segments\.0\.end: ends before it starts$/
      ],
      [
        changeBetween(t, withTimes(t, 0, { start: -1 })),
        /segments\.0\.start: must not be negative$/
      ],
      [
        changeBetween(t, { ...t, segments: [second, first, ...t.segments.slice(2)] }),
        /change\.segments\.1\.start: starts before the segment before it$/
      ],
      // Each segment of the change is fine; where it goes, it starts before the one before it.
      [
        { from: last + 1, deleteCount: 0, segments: [{ ...t.segments[last], start: 0 }] },
        new RegExp(
          `^not saved: segments\\.${last + 1}\\.start: starts before the segment before it$`
        )
      ],
      [
        { from: last, deleteCount: 2, segments: [] },
        /^the change replaces segments \d+–\d+ of \d+: reload$/
      ]
    ]
    for (const [change, reason] of hostile) {
      const answer = await dispatchRequest(
        service.handlers,
        'transcripts.save',
        { id: job.id, change, baseEditedAt: doc!.editedAt },
        ctx
      )
      expect(answer).toEqual({ ok: false, error: expect.stringMatching(reason) })
      if (!answer.ok) expect(answer.error).not.toContain('\n')
    }
    for (const format of ['txt', 'srt', 'vtt', 'json'])
      expect(readFileSync(pathOf(format), 'utf8')).toBe(before[format])
    expect(readFileSync(pathOf('srt'), 'utf8')).not.toMatch(/NaN|Infinity|e\+/)
  })
})

describe('two clients, one transcript', () => {
  it('a save made on a version another client replaced is refused; a reload then saves', async () => {
    const loaded = (await service.handlers['transcripts.get']({ id: job.id }, ctx))!
    const save = (transcript: Transcript, baseEditedAt: number | null) =>
      dispatchRequest(
        service.handlers,
        'transcripts.save',
        { id: job.id, change: changeBetween(loaded.transcript, transcript), baseEditedAt },
        ctx
      )
    // Both clients opened the same version; the first to save wins, the second is told.
    const first = await save(withFirstSegment(loaded.transcript, 'First client'), loaded.editedAt)
    expect(first.ok).toBe(true)
    const srtAfterFirst = readFileSync(pathOf('srt'), 'utf8')
    const second = await save(withFirstSegment(loaded.transcript, 'Second client'), loaded.editedAt)
    expect(second).toEqual({ ok: false, error: 'changed elsewhere — reload' })
    const now = (await service.handlers['transcripts.get']({ id: job.id }, ctx))!
    expect(now.transcript.segments[0].text).toBe('First client')
    expect(readFileSync(pathOf('srt'), 'utf8')).toBe(srtAfterFirst)
    // Reloaded, the second client's edit is made on the current version and saved.
    const again = await save(withFirstSegment(now.transcript, 'Second client'), now.editedAt)
    expect(again.ok).toBe(true)
    // A save right after (within one millisecond, often) is still a newer version.
    const versionOf = (r: IpcResult<unknown>): number | null =>
      r.ok ? (r.value as TranscriptSaved).editedAt : null
    const third = await save(withFirstSegment(now.transcript, 'Third'), versionOf(again))
    expect(versionOf(third)).toBeGreaterThan(versionOf(again)!)
  })
})

function withTimes(
  t: Transcript,
  index: number,
  times: { start?: number; end?: number }
): Transcript {
  return { ...t, segments: t.segments.map((s, i) => (i === index ? { ...s, ...times } : s)) }
}
