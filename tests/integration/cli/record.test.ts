// `transcriptor record --from FILE --realtime` as a user runs it: words printed while the file
// plays, a finished job whose recording is the file's length; Ctrl-C keeps what was recorded and
// finishes the job; kill -9 of the recorder loses at most 2 s: the next start repairs the file,
// leaves no process behind, and the recording can be transcribed (Resume). `--from URL`: a radio
// on loopback cut off the air mid-way keeps what arrived; a URL that does not answer says so.
// The recordings play in real time, so they run side by side, each in its own data dir.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { expect, test, type TestContext } from 'vitest'
import type { JobRow } from '@shared/domain'
import { openStore } from '../../../src/main/core/openDataDir'
import { makeTempDir, removeDir } from '../../support/db'
import { joinedSpeech, librivoxReference } from '../../support/speech'
import { waitFor } from '../../support/waitFor'
import { isRunning } from '../../support/processes'
import { wordErrorRate } from '../../support/wer'
import { recordedSeconds as secondsSoFar } from '../../support/recordedWav'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const ENV = { ...process.env, TRANSCRIPTOR_HOME: '' }
/** The joined LibriVox clips (about 24.7 s). */
const SPEECH_SECONDS = 24.7

interface Recorder {
  child: ChildProcess
  /** stdout lines with the time each arrived. */
  lines: { at: number; text: string }[]
  stderr: () => string
  /** When the recorder said the source had ended (its "recorded N s" line). */
  endedAt: () => number | null
  exit: Promise<number | null>
}

interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** One test's data dir and the commands a user runs on it. */
interface Workspace {
  dir: string
  /** The joined LibriVox clips. */
  speech: string
  record(input?: string): Recorder
  /** `record --from URL`: a live stream arrives at its own pace, so no --realtime. */
  recordUrl(url: string): Recorder
  /** Async, so the recordings of the other tests keep being read while it runs. */
  cli(args: string[]): Promise<CliRun>
  onlyJob(): JobRow
  /** Seconds appended so far to the recording being made. */
  recordedSeconds(): number
}

function workspace({ onTestFinished }: TestContext): Workspace {
  const dir = makeTempDir('transcriptor-record-')
  const dataDir = join(dir, 'data')
  const children: ChildProcess[] = []
  onTestFinished(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    removeDir(dir)
  })
  const spawnCli = (args: string[]): ChildProcess => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    children.push(child)
    return child
  }
  const recordingFile = (): string => {
    const folder = join(dataDir, 'recordings')
    const [name] = readdirSync(folder).filter((f) => f.endsWith('.wav'))
    return join(folder, name)
  }
  const speech = joinedSpeech(dir, 1)
  return {
    dir,
    speech,
    record(input = speech) {
      return recorder(
        spawnCli(['record', '--from', input, '--realtime', '--engine', 'pocketsphinx'])
      )
    },
    recordUrl(url) {
      return recorder(spawnCli(['record', '--from', url, '--engine', 'pocketsphinx']))
    },
    cli: (args) => finished(spawnCli(args)),
    onlyJob() {
      const store = openStore(dataDir)
      try {
        const jobs = store.jobs.listJobs({})
        expect(jobs).toHaveLength(1)
        return jobs[0]
      } finally {
        store.close()
      }
    },
    recordedSeconds() {
      try {
        return secondsSoFar(recordingFile())
      } catch {
        return 0
      }
    }
  }
}

function recorder(child: ChildProcess): Recorder {
  const lines: Recorder['lines'] = []
  let stderr = ''
  let endedAt: number | null = null
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    for (const text of d.split('\n').filter(Boolean)) lines.push({ at: Date.now(), text })
  })
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d
    if (endedAt === null && /^recorded \d/m.test(stderr)) endedAt = Date.now()
  })
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  return { child, lines, stderr: () => stderr, endedAt: () => endedAt, exit }
}

function finished(child: ChildProcess): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), 110_000)
  return new Promise((done) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, stdout, stderr })
    })
  )
}

function transcriptText(job: JobRow): string {
  const files = JSON.parse(job.output_files ?? '{}') as Record<string, string>
  return readFileSync(files.txt, 'utf8')
}

/** The seconds of audio in a recording, as its header says; checked against its length. */
function wavSeconds(path: string): number {
  const bytes = readFileSync(path)
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF')
  expect(bytes.readUInt32LE(40)).toBe(bytes.length - 44)
  return bytes.readUInt32LE(40) / 32_000
}

test.concurrent(
  'record --from FILE --realtime prints words while it plays and ends with a finished job',
  async (ctx) => {
    const { expect } = ctx
    const ws = workspace(ctx)
    // The clips, then as long again of silence (about 49 s): a loaded machine's pocketsphinx still
    // shows words mid-way, with the two other recordings of this file running beside it, and
    // only the speech is transcribed (a pause with no speech is let go untranscribed).
    const input = join(ws.dir, 'speech then silence.wav')
    execFileSync('sox', [ws.speech, input, 'pad', '0', String(SPEECH_SECONDS)])
    const rec = ws.record(input)
    expect(await rec.exit).toBe(0)
    const playedUntil = rec.endedAt() ?? 0
    expect(rec.lines.length).toBeGreaterThan(1)
    console.log(`record: first words ${playedUntil - rec.lines[0].at} ms before the file ended`)
    // Words showed while the file was still playing, not all at the end.
    expect(rec.lines[0].at).toBeLessThan(playedUntil)
    const job = ws.onlyJob()
    expect(job.status).toBe('completed')
    expect(job.recording).toBe('ended')
    expect(Math.abs(wavSeconds(job.original_path) - 2 * SPEECH_SECONDS)).toBeLessThan(0.5)
    const transcript = transcriptText(job)
    expect(transcript.replace(/\s+/g, ' ').trim()).toBe(rec.lines.map((l) => l.text).join(' '))
    const wer = wordErrorRate(librivoxReference(1), transcript)
    console.log(`record: WER ${(wer * 100).toFixed(1)} %`)
    expect(wer).toBeLessThan(0.45)
    expect(rec.stderr()).toMatch(/^job \d+ done {6}Recording /m)
  },
  300_000
)

test.concurrent(
  'Ctrl-C mid-way ends the recording cleanly: what was recorded is kept and transcribed',
  async (ctx) => {
    const { expect } = ctx
    const ws = workspace(ctx)
    const rec = ws.record()
    await waitFor(() => ws.recordedSeconds() >= 8, '8 s recorded', 60_000)
    rec.child.kill('SIGINT')
    expect(await rec.exit).toBe(130)
    const job = ws.onlyJob()
    expect(job.status).toBe('completed')
    const seconds = wavSeconds(job.original_path)
    expect(seconds).toBeGreaterThanOrEqual(8)
    expect(seconds).toBeLessThan(SPEECH_SECONDS - 3)
    expect(transcriptText(job).split(/\s+/).filter(Boolean).length).toBeGreaterThan(10)
    expect(job.process_id !== null && isRunning(job.process_id)).toBe(false)
  }
)

test.concurrent(
  'kill -9 of the recorder: the next start keeps the recording up to the kill, resumable, no process left',
  async (ctx) => {
    const { expect } = ctx
    const ws = workspace(ctx)
    const rec = ws.record()
    await waitFor(() => ws.recordedSeconds() >= 8, '8 s recorded', 60_000)
    const pipelinePid = await waitFor(() => ws.onlyJob().process_id, 'the pipeline registered')
    const atKill = ws.recordedSeconds()
    rec.child.kill('SIGKILL')
    await rec.exit
    await waitFor(() => !isRunning(pipelinePid), 'the pipeline gone after its host died', 20_000)

    const reap = await ws.cli(['reap'])
    expect(reap.code, reap.stderr).toBe(0)
    const job = ws.onlyJob()
    expect(job.status).toBe('failed')
    expect(job.recording).toBe('recovered')
    expect(job.error_message).toMatch(
      /^recording interrupted \(the app stopped\): \d+\.\d s kept; Resume transcribes it$/
    )
    const seconds = wavSeconds(job.original_path)
    expect(seconds).toBeGreaterThanOrEqual(atKill - 2)
    expect(job.duration_seconds).toBeCloseTo(seconds, 1)

    const resumed = await ws.cli(['jobs', 'resume', String(job.id)])
    expect(resumed.code, resumed.stderr).toBe(0)
    const done = ws.onlyJob()
    expect(done.status).toBe('completed')
    expect(transcriptText(done).split(/\s+/).filter(Boolean).length).toBeGreaterThan(10)
  }
)

/**
 * An Icecast-like radio on loopback: `mp3` sent as `audio/mpeg` with no length, at its bit rate
 * (a piece every 100 ms, as a live source does), the connection cut after `cutAfterSeconds`.
 */
async function radio(mp3: Buffer, bytesPerSecond: number, cutAfterSeconds: number): Promise<Radio> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'audio/mpeg', 'icy-name': 'loopback radio' })
    const piece = Math.round(bytesPerSecond / 10)
    const end = Math.min(mp3.length, Math.round(bytesPerSecond * cutAfterSeconds))
    let sent = 0
    const timer = setInterval(() => {
      response.write(mp3.subarray(sent, Math.min(end, sent + piece)))
      sent += piece
      // The station goes off the air: the socket is cut, not ended.
      if (sent >= end) {
        clearInterval(timer)
        response.socket?.destroy()
      }
    }, 100)
    response.on('close', () => clearInterval(timer))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/live.mp3`,
    close: () => new Promise((done) => server.close(() => done()))
  }
}

interface Radio {
  url: string
  close(): Promise<void>
}

test.concurrent(
  'record --from a stream URL (a radio on loopback): words while it plays; the station going off the air keeps what was recorded',
  async (ctx) => {
    const { expect } = ctx
    const ws = workspace(ctx)
    // The clips twice (about 49 s), cut at 30 s: its first words are printed before the cut even
    // on a loaded machine, with the other recordings of this file running beside it.
    const twice = join(ws.dir, 'speech twice.wav')
    execFileSync('sox', [ws.speech, ws.speech, twice])
    const mp3 = join(ws.dir, 'speech.mp3')
    execFileSync('ffmpeg', ['-v', 'error', '-i', twice, '-b:a', '64k', '-ac', '1', mp3])
    const station = await radio(readFileSync(mp3), 8000, 30)
    ctx.onTestFinished(() => station.close())
    const rec = ws.recordUrl(station.url)
    const code = await rec.exit
    expect(rec.lines.length, rec.stderr()).toBeGreaterThan(0)
    expect(rec.lines[0].at).toBeLessThan(rec.endedAt() ?? 0)
    const job = ws.onlyJob()
    // Whatever way ffmpeg ends on a cut stream (end of input or an error line), the recording is
    // a finished job of what arrived.
    expect(code, rec.stderr()).toBe(job.status === 'completed' ? 0 : 1)
    expect(job.status).toBe('completed')
    expect(job.recording).toBe('ended')
    expect(Math.abs(wavSeconds(job.original_path) - 30)).toBeLessThan(1.5)
    expect(transcriptText(job).split(/\s+/).filter(Boolean).length).toBeGreaterThan(10)
  }
)

test.concurrent(
  'record --from a stream URL that does not answer: one line saying so, the job ends, no process left',
  async (ctx) => {
    const { expect } = ctx
    const ws = workspace(ctx)
    // A port that was just free: nothing listens there.
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const { port } = closed.address() as AddressInfo
    await new Promise((done) => closed.close(done))
    const rec = ws.recordUrl(`http://127.0.0.1:${port}/live.mp3`)
    expect(await rec.exit).toBe(1)
    const why = /^the source stopped \(ffmpeg exit \d+: .*Connection refused\)$/m
    expect(rec.stderr()).toMatch(why)
    expect(rec.stderr()).toMatch(/^recorded 0\.0 s/m)
    // The job is kept like every recording (empty), and says why in History.
    const job = ws.onlyJob()
    expect(job.warning).toMatch(why)
    expect(job.process_id === null || !isRunning(job.process_id)).toBe(true)
  }
)
