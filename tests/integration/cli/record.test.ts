// `transcriptor record --from FILE --realtime` as a user runs it: words printed while the file
// plays, a finished job whose recording is the file's length; Ctrl-C keeps what was recorded and
// finishes the job; kill -9 of the recorder loses at most 2 s: the next start repairs the file,
// leaves no process behind, and the recording can be transcribed (Resume).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { JobRow } from '@shared/domain'
import { openStore } from '../../../src/main/core/openDataDir'
import { makeTempDir, removeDir } from '../../support/db'
import { joinedSpeech, librivoxReference } from '../../support/speech'
import { waitFor } from '../../support/waitFor'
import { isRunning } from '../../support/processes'
import { wordErrorRate } from '../../support/wer'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const ENV = { ...process.env, TRANSCRIPTOR_HOME: '' }
/** The joined LibriVox clips (about 24.7 s). */
const SPEECH_SECONDS = 24.7

let dir: string
let speech: string
let dataDir: string
const children: ChildProcess[] = []
beforeEach(() => {
  dir = makeTempDir('transcriptor-record-')
  speech = joinedSpeech(dir, 1)
  dataDir = join(dir, 'data')
})
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  removeDir(dir)
})

interface Recorder {
  child: ChildProcess
  /** stdout lines with the time each arrived. */
  lines: { at: number; text: string }[]
  stderr: () => string
  /** When the recorder said the source had ended (its "recorded N s" line). */
  endedAt: () => number | null
  exit: Promise<number | null>
}

function record(input = speech): Recorder {
  const child = spawn(
    process.execPath,
    [
      BIN,
      '--data-dir',
      dataDir,
      'record',
      '--from',
      input,
      '--realtime',
      '--engine',
      'pocketsphinx'
    ],
    { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  children.push(child)
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

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: ENV,
    timeout: 110_000
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function onlyJob(): JobRow {
  const store = openStore(dataDir)
  try {
    const jobs = store.jobs.listJobs({})
    expect(jobs).toHaveLength(1)
    return jobs[0]
  } finally {
    store.close()
  }
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

function recordingFile(): string {
  const folder = join(dataDir, 'recordings')
  const [name] = readdirSync(folder).filter((f) => f.endsWith('.wav'))
  return join(folder, name)
}

/** Seconds appended so far to the recording being made. */
function recordedSeconds(): number {
  try {
    return (statSync(recordingFile()).size - 44) / 32_000
  } catch {
    return 0
  }
}

test('record --from FILE --realtime prints words while it plays and ends with a finished job', async () => {
  // The clips twice (about 49 s): a loaded machine's pocketsphinx still shows words mid-way.
  const rec = record(joinedSpeech(dir, 2, 'twice.wav'))
  expect(await rec.exit).toBe(0)
  const playedUntil = rec.endedAt() ?? 0
  expect(rec.lines.length).toBeGreaterThan(1)
  // Words showed while the file was still playing, not all at the end.
  expect(rec.lines[0].at).toBeLessThan(playedUntil)
  const job = onlyJob()
  expect(job.status).toBe('completed')
  expect(job.recording).toBe('ended')
  expect(Math.abs(wavSeconds(job.original_path) - 2 * SPEECH_SECONDS)).toBeLessThan(0.5)
  const transcript = transcriptText(job)
  expect(transcript.replace(/\s+/g, ' ').trim()).toBe(rec.lines.map((l) => l.text).join(' '))
  expect(wordErrorRate(librivoxReference(2), transcript)).toBeLessThan(0.45)
  expect(rec.stderr()).toMatch(/^job \d+ done {6}Recording /m)
}, 300_000)

test('Ctrl-C mid-way ends the recording cleanly: what was recorded is kept and transcribed', async () => {
  const rec = record()
  await waitFor(() => recordedSeconds() >= 8, '8 s recorded', 60_000)
  rec.child.kill('SIGINT')
  expect(await rec.exit).toBe(130)
  const job = onlyJob()
  expect(job.status).toBe('completed')
  const seconds = wavSeconds(job.original_path)
  expect(seconds).toBeGreaterThanOrEqual(8)
  expect(seconds).toBeLessThan(SPEECH_SECONDS - 3)
  expect(transcriptText(job).split(/\s+/).filter(Boolean).length).toBeGreaterThan(10)
  expect(job.process_id !== null && isRunning(job.process_id)).toBe(false)
})

test('kill -9 of the recorder: the next start keeps the recording up to the kill, resumable, no process left', async () => {
  const rec = record()
  await waitFor(() => recordedSeconds() >= 8, '8 s recorded', 60_000)
  const pipelinePid = await waitFor(() => onlyJob().process_id, 'the pipeline registered')
  const atKill = recordedSeconds()
  rec.child.kill('SIGKILL')
  await rec.exit
  await waitFor(() => !isRunning(pipelinePid), 'the pipeline gone after its host died', 20_000)

  const reap = cli(['reap'])
  expect(reap.code).toBe(0)
  const job = onlyJob()
  expect(job.status).toBe('failed')
  expect(job.recording).toBe('recovered')
  expect(job.error_message).toMatch(
    /^recording interrupted \(the app stopped\): \d+\.\d s kept; Resume transcribes it$/
  )
  const seconds = wavSeconds(job.original_path)
  expect(seconds).toBeGreaterThanOrEqual(atKill - 2)
  expect(job.duration_seconds).toBeCloseTo(seconds, 1)

  const resumed = cli(['jobs', 'resume', String(job.id)])
  expect(resumed.code).toBe(0)
  const finished = onlyJob()
  expect(finished.status).toBe('completed')
  expect(transcriptText(finished).split(/\s+/).filter(Boolean).length).toBeGreaterThan(10)
})
