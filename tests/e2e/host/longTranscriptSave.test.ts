// An 11-hour transcript (10,000 segments, over 8 MiB as JSON) edited through the BUILT browser
// host: a save sends the change, not the transcript (the whole closed the socket: 1009, message
// too big), the reloaded transcript and every output file on disk have the edit, and while the
// save runs (on its own thread) the host keeps answering other requests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Transcript } from '@shared/transcript'
import { changeBetween } from '@shared/transcriptChange'
import { openStore } from '../../../src/main/core/openDataDir'
import { renderFormat } from '../../../src/main/pipeline/formats'
import { makeTempDir, removeDir, sampleJob } from '../../support/db'
import { connectClient, startHost, type HostClient, type RunningHost } from '../../support/host'
import { timedTranscript } from '../../support/timedTranscript'

const SEGMENTS = 10_000
const FORMATS = ['txt', 'srt', 'vtt', 'json'] as const

let dir: string
let host: RunningHost
let editor: HostClient
let other: HostClient
let id: number
let files: Record<string, string>
/** The version the editor has, as the page keeps it: the one it loaded, then the one it saved. */
let mine: { transcript: Transcript; editedAt: number | null }

beforeAll(async () => {
  dir = makeTempDir('transcriptor-long-save-')
  const store = openStore(dir)
  try {
    id = store.jobs.createJob(sampleJob({ filename: 'all-day.wav', formats: FORMATS.join(',') })).id
    const folder = join(dir, 'outputs', String(id))
    mkdirSync(folder, { recursive: true })
    const transcript = timedTranscript(SEGMENTS)
    files = Object.fromEntries(FORMATS.map((f) => [f, join(folder, `all-day.${f}`)]))
    for (const f of FORMATS) writeFileSync(files[f], renderFormat(f, transcript))
    store.jobs.startJob(id)
    store.jobs.completeJob(id, files)
    store.transcripts.storeOriginal(id, transcript)
    mine = { transcript, editedAt: null }
  } finally {
    store.close()
  }
  host = await startHost({ dataDir: dir })
  ;[editor, other] = await Promise.all([connectClient(host), connectClient(host)])
}, 60_000)

afterAll(async () => {
  await Promise.all([editor?.close(), other?.close()])
  await host?.stop()
  removeDir(dir)
})

function withText(t: Transcript, index: number, text: string): Transcript {
  return { ...t, segments: t.segments.map((s, i) => (i === index ? { ...s, text } : s)) }
}

it('a one-word edit of 10,000 segments is saved: reloaded and on disk', async () => {
  const edited = withText(mine.transcript, 7_777, 'the meeting about the harbour budget')
  const saved = await editor.call('transcripts.save', {
    id,
    change: changeBetween(mine.transcript, edited),
    baseEditedAt: mine.editedAt
  })
  mine = { transcript: edited, editedAt: saved.editedAt }
  expect(saved.files).toEqual({ updated: expect.arrayContaining(Object.values(files)), left: [] })
  const reloaded = (await other.call('transcripts.get', { id }))!
  expect(reloaded.editedAt).toBe(saved.editedAt)
  expect(reloaded.transcript.segments[7_777].text).toBe('the meeting about the harbour budget')
  expect(reloaded.transcript.segments).toHaveLength(SEGMENTS)
  for (const f of FORMATS) expect(readFileSync(files[f], 'utf8')).toContain('harbour budget')
  // The other window is told there is a newer version.
  await other.waitForEvent(
    'transcript.changed',
    (c) => c.id === id && c.editedAt === saved.editedAt
  )
}, 30_000)

it('while a save runs, the host answers jobs.list at once', async () => {
  const edited = withText(mine.transcript, 123, 'the garden was closed that morning')
  const save = editor.call('transcripts.save', {
    id,
    change: changeBetween(mine.transcript, edited),
    baseEditedAt: mine.editedAt
  })
  // A jobs.list every 50 ms while the save runs, each timed from sent to answered.
  const answers: number[] = []
  const asking: Promise<void>[] = []
  const probe = setInterval(() => {
    const sent = performance.now()
    asking.push(
      other.call('jobs.list', {}).then((jobs) => {
        expect(jobs.map((j) => j.id)).toEqual([id])
        answers.push(performance.now() - sent)
      })
    )
  }, 50)
  await save.finally(() => clearInterval(probe))
  await Promise.all(asking)
  const saved = await save
  console.log(
    `[long save] ${answers.length} jobs.list answered during the save, slowest ${Math.max(...answers).toFixed(0)} ms`
  )
  expect(answers.length).toBeGreaterThan(0)
  expect(Math.max(...answers)).toBeLessThan(1_000)
  expect(readFileSync(files.txt, 'utf8')).toContain('the garden was closed that morning')
  expect(saved.editedAt).toBeGreaterThan(mine.editedAt!)
}, 30_000)
