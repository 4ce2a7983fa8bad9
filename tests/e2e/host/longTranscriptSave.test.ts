// An 11-hour transcript (10,000 segments, over 8 MiB as JSON) edited through the BUILT browser
// host: a save sends the change, not the transcript (the whole closed the socket: 1009, message
// too big), the reloaded transcript and every output file on disk have the edit, and while the
// save runs (on its own thread) the host keeps answering other requests. A page opens it to the
// last segment; a speaker merge that changes every segment (a change over 8 MiB) is saved in
// parts, whole or not at all; a revert runs on the save thread too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mergeSpeakers } from '@shared/speakerEdits'
import { TRANSCRIPT_CHANGED_ELSEWHERE, type Transcript } from '@shared/transcript'
import { changeBetween } from '@shared/transcriptChange'
import { openStore } from '../../../src/main/core/openDataDir'
import { renderFormat } from '../../../src/main/pipeline/formats'
import { makeTempDir, removeDir, sampleJob } from '../../support/db'
import { budgetNote, budgetStretch } from '../../support/loadBudget'
import {
  connectClient,
  launchOwnChromium,
  openAppPage,
  startHost,
  type HostClient,
  type RunningHost
} from '../../support/host'
import { timedTranscript } from '../../support/timedTranscript'

const SEGMENTS = 10_000
const FORMATS = ['txt', 'srt', 'vtt', 'json'] as const

let dir: string
let host: RunningHost
let editor: HostClient
let other: HostClient
let id: number
let files: Record<string, string>
let browser: Browser
let page: Page
/** The engine's transcript: every segment said by S2 ("Ben"), so a merge into S1 changes all. */
let original: Transcript
/** The version the editor has, as the page keeps it: the one it loaded, then the one it saved. */
let mine: { transcript: Transcript; editedAt: number | null }

beforeAll(async () => {
  dir = makeTempDir('transcriptor-long-save-')
  const store = openStore(dir)
  try {
    id = store.jobs.createJob(sampleJob({ filename: 'all-day.wav', formats: FORMATS.join(',') })).id
    const folder = join(dir, 'outputs', String(id))
    mkdirSync(folder, { recursive: true })
    const timed = timedTranscript(SEGMENTS)
    const transcript: Transcript = {
      ...timed,
      speakers: [
        { id: 'S1', name: 'Anna' },
        { id: 'S2', name: 'Ben' }
      ],
      segments: timed.segments.map((segment) => ({ ...segment, speaker: 'S2' }))
    }
    original = transcript
    files = Object.fromEntries(FORMATS.map((f) => [f, join(folder, `all-day.${f}`)]))
    for (const f of FORMATS) writeFileSync(files[f], renderFormat(f, transcript))
    store.jobs.startJob(id)
    store.jobs.completeJob(id, files)
    store.transcripts.storeOriginal(id, transcript)
    mine = { transcript, editedAt: null }
  } finally {
    store.close()
  }
  ;[host, browser] = await Promise.all([startHost({ dataDir: dir }), launchOwnChromium()])
  ;[editor, other, page] = await Promise.all([
    connectClient(host),
    connectClient(host),
    openAppPage(browser, host)
  ])
}, 60_000)

afterAll(async () => {
  await browser?.close()
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
}, 120_000)

it('while a save runs, the host answers jobs.list at once', async () => {
  const edited = withText(mine.transcript, 123, 'the garden was closed that morning')
  const {
    value: saved,
    slowestMs,
    count
  } = await answersDuring(
    editor.call('transcripts.save', {
      id,
      change: changeBetween(mine.transcript, edited),
      baseEditedAt: mine.editedAt
    })
  )
  console.log(
    `[long save] ${count} jobs.list answered during the save, slowest ${slowestMs.toFixed(0)} ms`
  )
  expect(count).toBeGreaterThan(0)
  expect(slowestMs).toBeLessThan(1_000)
  expect(readFileSync(files.txt, 'utf8')).toContain('the garden was closed that morning')
  expect(saved.editedAt).toBeGreaterThan(mine.editedAt!)
  mine = { transcript: edited, editedAt: saved.editedAt }
}, 120_000)

/** jobs.list asked every 50 ms while `work` runs, each timed from sent to answered. */
async function answersDuring<T>(
  work: Promise<T>
): Promise<{ value: T; slowestMs: number; count: number }> {
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
  const value = await work.finally(() => clearInterval(probe))
  await Promise.all(asking)
  return { value, slowestMs: Math.max(...answers), count: answers.length }
}

it('a page opens it: the last segment is on screen', async () => {
  const last = original.segments[SEGMENTS - 1]
  await page.evaluate(`window.location.hash = '#/job/${id}'`)
  const lastLine = page.getByTestId(`segment-text-${SEGMENTS - 1}`)
  await lastLine.scrollIntoViewIfNeeded({ timeout: 150_000 })
  await lastLine.waitFor({ state: 'visible' })
  expect(await lastLine.innerText()).toBe(last.text)
  expect(await page.getByTestId('segment-text-7777').innerText()).toContain('harbour budget')
}, 180_000)

it('merging a speaker changes every segment: saved from the page in parts, reloaded, on disk', async () => {
  // The page's own transport sends the change (over 8 MiB: one message closed the socket, 1009).
  const sent: number[] = []
  const devtools = await page.context().newCDPSession(page)
  devtools.on('Network.webSocketFrameSent', (frame) => sent.push(frame.response.payloadData.length))
  await devtools.send('Network.enable')
  await page.getByTestId('speaker-merge-S2').selectOption('S1')
  await expect
    .poll(() => page.getByTestId('transcript-save-state').innerText(), { timeout: 180_000 })
    .toMatch(/saved/)
  const reloaded = (await other.call('transcripts.get', { id }))!
  expect(reloaded.transcript.speakers).toEqual([{ id: 'S1', name: 'Anna' }])
  expect(reloaded.transcript.segments).toHaveLength(SEGMENTS)
  expect(reloaded.transcript.segments.every((s) => s.speaker === 'S1')).toBe(true)
  expect(reloaded.transcript.segments[123].text).toBe('the garden was closed that morning')
  // Sent in parts: more than 8 MiB in all, no frame near the host's 8 MiB.
  await devtools.detach()
  expect(sent.reduce((a, b) => a + b, 0)).toBeGreaterThan(8 * 1024 * 1024)
  expect(Math.max(...sent)).toBeLessThan(4 * 1024 * 1024)
  const srt = readFileSync(files.srt, 'utf8')
  expect(srt).not.toContain('Ben')
  expect(srt).toContain('Anna')
  // A stale save of the same size (made on the version before the merge) is refused whole.
  const stale = mergeSpeakers(mine.transcript, 'S2', 'S1')
  await expect(
    editor.call('transcripts.save', {
      id,
      change: changeBetween(mine.transcript, stale),
      baseEditedAt: mine.editedAt
    })
  ).rejects.toThrow(TRANSCRIPT_CHANGED_ELSEWHERE)
  const after = (await other.call('transcripts.get', { id }))!
  expect(after.editedAt).toBe(reloaded.editedAt)
  mine = after
  // The page has shown what it had to; closed, it takes no share of the machine from the revert.
  await page.close()
}, 240_000)

it('a revert runs off the event loop: jobs.list answers at once, the original is back', async () => {
  const {
    value: doc,
    slowestMs,
    count
  } = await answersDuring(editor.call('transcripts.revert', { id }))
  console.log(
    `[long revert] ${count} jobs.list answered during the revert, slowest ${slowestMs.toFixed(0)} ms${budgetNote()}`
  )
  expect(count).toBeGreaterThan(0)
  // What is left on the event loop is what any transcripts.get costs: taking in and sending out
  // the 9 MB document (on the event loop, the whole revert took seconds).
  expect(slowestMs).toBeLessThan(1_000 * budgetStretch())
  expect(doc.editedAt).toBeNull()
  expect(doc.files).toEqual({ updated: expect.arrayContaining(Object.values(files)), left: [] })
  const reloaded = (await other.call('transcripts.get', { id }))!
  expect(reloaded).toEqual({ transcript: original, editedAt: null })
  for (const f of FORMATS) expect(readFileSync(files[f], 'utf8')).toBe(renderFormat(f, original))
}, 120_000)
