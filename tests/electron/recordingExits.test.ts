// Electron-level specs of closing the window and quitting while it records (tests/support/
// electronApp.ts says how they run): each asks first, with three answers, and none discards
// audio. Stay keeps the window and the recording; "Stop and keep the recording" ends it, the app
// goes only once its job has finished the transcript, and the WAV holds every second sent;
// "Keep recording in the background" hides the window and the recording goes on. The window's
// page records as its microphone would (the recording API it uses, one second of LibriVox speech
// per request); not through its Record button, so it does not answer main's request to stop
// (core/service/askToEndRecordings.ts) and "Stop and keep" ends the recording after that bound,
// with every second sent. The native question is the one part replaced: a test cannot click a system
// dialog, so main's dialog answers as the user would and keeps the words it showed.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ElectronApplication, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseOutputFiles, type JobRow } from '@shared/domain'
import { waitFor } from '../support/host'
import { getJob, launch, notRunBecause, readBack } from '../support/electronApp'
import { librivoxClips } from '../support/speech'
import { JOB_OPTIONS, type AppGlobal } from '../e2e/host/helpers'
import { recordedSeconds } from '../support/recordedWav'

const ANSWERS = {
  stay: 'Stay',
  stop: 'Stop and keep the recording',
  background: 'Keep recording in the background'
} as const
type Answer = keyof typeof ANSWERS
interface Asked {
  message: string
  detail: string
  buttons: string[]
}
type MainGlobal = typeof globalThis & { asked?: Asked[] }

/** From now on main's message box answers `answer` (by its button's words) and keeps what it asked. */
async function answerWith(app: ElectronApplication, answer: Answer): Promise<void> {
  await app.evaluate(({ dialog }, label) => {
    const main = globalThis as MainGlobal
    main.asked = []
    dialog.showMessageBoxSync = (...args: unknown[]): number => {
      const options = args[args.length - 1] as Asked
      main.asked!.push({
        message: options.message,
        detail: options.detail,
        buttons: options.buttons
      })
      return options.buttons.indexOf(label)
    }
  }, ANSWERS[answer])
}

function asked(app: ElectronApplication): Promise<Asked[]> {
  return app.evaluate(() => (globalThis as MainGlobal).asked ?? [])
}

function windowVisible(app: ElectronApplication): Promise<boolean[]> {
  return app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((w) => w.isVisible())
  )
}

/** Exactly what the close button does. */
async function clickClose(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close())
}

/** What Cmd/Ctrl-Q (the menu's Quit) does; the app may be gone before the answer comes back. */
async function quit(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ app }) => app.quit()).catch(() => undefined)
}

function exited(app: ElectronApplication): Promise<void> {
  const child = app.process()
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => child.once('exit', () => done()))
}

/** 16 kHz mono s16le speech, one second per frame. */
function speechFrames(dir: string): Buffer[] {
  const raw = join(dir, 'speech.raw')
  execFileSync('sox', [
    librivoxClips()[0]!,
    '-r',
    '16000',
    '-c',
    '1',
    '-b',
    '16',
    '-e',
    'signed',
    raw
  ])
  const pcm = readFileSync(raw)
  const frames: Buffer[] = []
  for (let at = 0; at + 32_000 <= pcm.length; at += 32_000)
    frames.push(pcm.subarray(at, at + 32_000))
  return frames
}

function startRecording(window: Page): Promise<JobRow> {
  return window.evaluate(
    (options) =>
      (globalThis as AppGlobal).transcriptor!.recording.start({
        options: { ...options, formats: [...options.formats] }
      }),
    JOB_OPTIONS
  )
}

/** Sends the frames as the page's microphone would; returns the seconds the recording holds. */
async function send(
  window: Page,
  id: number,
  frames: Buffer[]
): Promise<{ seconds: number; stopped: string | null }> {
  let answer = { seconds: 0, stopped: null as string | null }
  for (const frame of frames)
    answer = await window.evaluate(
      ({ id, pcm }) => (globalThis as AppGlobal).transcriptor!.recording.append({ id, pcm }),
      { id, pcm: frame.toString('base64') }
    )
  return answer
}

/** The job finished the recording: completed, its WAV holding every second sent, words written. */
function expectKeptAndTranscribed(row: JobRow | null, secondsSent: number): void {
  expect(row?.status).toBe('completed')
  expect(row?.recording).toBe('ended')
  expect(existsSync(row!.original_path)).toBe(true)
  expect(recordedSeconds(row!.original_path)).toBeCloseTo(secondsSent, 1)
  const txt = parseOutputFiles(row!.output_files).txt
  expect(txt && readFileSync(txt, 'utf8').trim()).toMatch(/\w+/)
}

if (notRunBecause === '')
  describe('Electron app: closing or quitting while recording asks first and keeps the audio', () => {
    let scratch: string
    let frames: Buffer[]

    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'transcriptor-electron-recording-'))
      frames = speechFrames(scratch)
    })
    afterAll(async () => {
      await rm(scratch, { recursive: true, force: true })
    })

    /** A fresh app recording from its window, `frames` already sent; the question answers `answer`. */
    async function recordingApp(name: string, answer: Answer) {
      const dataDir = await mkdtemp(join(scratch, `${name}-`))
      const { app, window } = await launch(dataDir)
      const job = await startRecording(window)
      const sent = await send(window, job.id, frames)
      expect(sent).toEqual({ seconds: frames.length, stopped: null })
      await answerWith(app, answer)
      return { dataDir, app, window, id: job.id }
    }

    /** The recording ends as Stop ends it, then the app quits (nothing left to ask about). */
    async function stopAndClose(app: ElectronApplication, window: Page, id: number): Promise<void> {
      await window.evaluate(
        (id) => (globalThis as AppGlobal).transcriptor!.recording.stop({ id }),
        id
      )
      await app.close()
    }

    for (const action of ['close', 'quit'] as const) {
      const act = action === 'close' ? clickClose : quit
      const words =
        action === 'close'
          ? /^Closing the window ends the recording/
          : /^Quitting ends the recording/

      it(`${action}: asks about the recording; Stay keeps the window open and the recording going`, async () => {
        const { app, window, id } = await recordingApp(`${action}-stay`, 'stay')
        try {
          await act(app)
          expect(await asked(app)).toEqual([
            {
              message: 'Recording in progress',
              detail: expect.stringMatching(words) as string,
              buttons: Object.values(ANSWERS)
            }
          ])
          expect(await windowVisible(app)).toEqual([true])
          expect(await send(window, id, frames)).toEqual({
            seconds: 2 * frames.length,
            stopped: null
          })
          expect((await getJob(window, id))?.recording).toBe('live')
        } finally {
          await stopAndClose(app, window, id)
        }
      })

      it(`${action}: "Stop and keep the recording" ends it, transcribes it to the end, then the app goes`, async () => {
        const { dataDir, app, id } = await recordingApp(`${action}-stop`, 'stop')
        const gone = exited(app)
        await act(app)
        await gone
        expectKeptAndTranscribed(await readBack(dataDir, id), frames.length)
      })

      it(`${action}: "Keep recording in the background" hides the window and the recording goes on`, async () => {
        const { app, window, id } = await recordingApp(`${action}-background`, 'background')
        try {
          await act(app)
          expect((await asked(app)).map((q) => q.buttons)).toEqual([Object.values(ANSWERS)])
          await waitFor(
            async () => ((await windowVisible(app))[0] === false ? true : undefined),
            'the window to hide'
          )
          expect(app.process().exitCode).toBeNull()
          expect(await send(window, id, frames)).toEqual({
            seconds: 2 * frames.length,
            stopped: null
          })
          const row = await getJob(window, id)
          expect([row?.status, row?.recording]).toEqual(['processing', 'live'])
          // Opened again, the window comes back: what a second launch tells the running app.
          await app.evaluate(({ app }) => app.emit('second-instance'))
          expect(await windowVisible(app)).toEqual([true])
        } finally {
          await stopAndClose(app, window, id)
        }
      })
    }
  })
else
  describe('Electron app recording specs', () => {
    it.skip(`not run: ${notRunBecause}`, () => undefined)
  })
