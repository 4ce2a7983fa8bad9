// `transcriptor transcribe` and `transcriptor doctor` through bin/transcriptor.js, as a user runs
// them: one job per file via the service, bad files fail alone with a reason, Ctrl-C cancels.
import { spawn, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobRow } from '@shared/domain'
import { ffmpeg, isAlive, joinedLibrivox, LIBRIVOX, removeDir, tempDir, waitFor } from './harness'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const CLIP = join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0880.wav')

function cli(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd,
    timeout: 300_000,
    env: { ...process.env, TRANSCRIPTOR_HOME: '' }
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Processes whose command line mentions `text` (e.g. a job's data dir). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(text) && isAlive(Number(e))
      } catch {
        return false
      }
    })
    .map(Number)
}

/** The pocketsphinx processes on this data dir's chunks (the CLI and pipeline name it too). */
function enginesOf(dataDir: string): number[] {
  return processesMentioning(dataDir).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('pocketsphinx')
    } catch {
      return false
    }
  })
}

/**
 * A file name a shell would mangle (a leading dash, quotes, `$(…)`, non-ASCII) and 250 characters
 * long, so its outputs must be shortened to fit 255 bytes.
 */
const GOOD_NAME = `${`-dash "quoted" $(touch PWNED) ünï ${'a long file name '.repeat(14)}`.slice(0, 246)}.wav`
const FORMATS = ['--format', 'txt,srt,vtt,json']

let dir: string
beforeAll(() => {
  dir = tempDir('transcriptor-cli-transcribe-')
})
afterAll(() => removeDir(dir))

describe('transcriptor transcribe', () => {
  // The good file of the mixed run is given once more by the second test (each run its own
  // outputs), so the runs share their inputs, data dir and output folder.
  const mixed = {
    dataDir: '',
    inputs: '',
    out: '',
    run: (args: string[]) => cli(['--data-dir', mixed.dataDir, 'transcribe', ...args], mixed.inputs)
  }
  beforeAll(() => {
    mixed.dataDir = join(dir, 'data-mixed')
    mixed.inputs = join(dir, 'inputs')
    mixed.out = join(dir, 'out-mixed')
    mkdirSync(mixed.inputs)
    copyFileSync(CLIP, join(mixed.inputs, GOOD_NAME))
  })

  it('transcribes the good files and fails each bad one alone with its reason', async () => {
    const { dataDir, inputs, out } = mixed
    expect(GOOD_NAME).toHaveLength(250)
    writeFileSync(join(inputs, 'empty.mp3'), '')
    writeFileSync(join(inputs, 'text.mp3'), 'not audio at all\n'.repeat(10))
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc=duration=1:size=160x120:rate=10',
      join(inputs, 'video.mp4')
    ])
    mkdirSync(join(inputs, 'folder'))
    const args = ['--chunk', '10', '--overlap', '2', ...FORMATS, '--out', out, '--']
    const files = [GOOD_NAME, 'empty.mp3', 'text.mp3', 'missing.wav', 'video.mp4', 'folder']
    const run = mixed.run([...args, ...files.map((f) => resolve(inputs, f))])
    expect(run.code, run.stderr).toBe(1)
    expect(run.stderr).toMatch(/done .*a long f\.wav → /)
    // Progress lines name the phase as it changes, each line printed once: decoding, then
    // transcribing up to 100 %.
    const progress = run.stderr
      .split('\n')
      .filter((l) => /^job \d+ .*a long f\.wav: /.test(l))
      .map((l) => l.replace(/^.*a long f\.wav: /, ''))
    expect(progress[0]).toMatch(/^(queued|decoding the audio \d+%)$/)
    expect(progress).toContain('transcribing 100%')
    const decoding = progress.findIndex((l) => l.startsWith('decoding the audio '))
    expect(decoding).toBeGreaterThanOrEqual(0)
    expect(decoding).toBeLessThan(progress.indexOf('transcribing 100%'))
    expect(new Set(progress).size).toBe(progress.length)
    expect(progress.every((l) => /^(queued|[a-z ]+ \d+%|finding speech)$/.test(l))).toBe(true)
    expect(run.stderr).not.toMatch(/ENAMETOOLONG/)
    expect(run.stderr).toMatch(/failed +empty\.mp3: file is empty/)
    expect(run.stderr).toMatch(/failed +text\.mp3: not an audio or video file/)
    expect(run.stderr).toMatch(/failed +missing\.wav: file not found/)
    expect(run.stderr).toMatch(/failed +video\.mp4: video has no audio stream/)
    // A folder is expanded to the media files inside it: an empty one adds none, and says so.
    expect(run.stderr).toMatch(/folder: 0 media file\(s\), 0 other file\(s\) skipped/)
    const [text] = readdirSync(out).filter((f) => f.endsWith('.txt'))
    expect(text.startsWith('-dash "quoted" $(touch PWNED) ünï a long file name')).toBe(true)
    expect(readFileSync(join(out, text), 'utf8')).toMatch(/\bman\b/)
    expect(existsSync(join(inputs, 'PWNED'))).toBe(false)

    const rows = JSON.parse(
      cli(['--data-dir', dataDir, 'jobs', 'list', '--json']).stdout
    ) as JobRow[]
    expect(rows).toHaveLength(5) // the files; the empty folder added none
    expect(rows.filter((r) => r.status === 'completed')).toHaveLength(1)
    expect(
      rows
        .filter((r) => r.status === 'failed')
        .every((r) => r.error_message && !r.error_message.includes('\n'))
    ).toBe(true)
    expect(processesMentioning(dataDir)).toEqual([])
  })

  it('a 250-character file name: transcribed, with outputs that fit, each run its own', () => {
    // The first run was the mixed one above; this is the same file's second: linked to that
    // job's transcript (same bytes), not re-run, and exported again under names of its own.
    const { inputs, out } = mixed
    const result = mixed.run([join(inputs, GOOD_NAME), ...FORMATS, '--out', out])
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.stdout + result.stderr).not.toMatch(/ENAMETOOLONG|failed/)
    expect(result.stderr).toMatch(/done .*a long f\.wav → .* \(same content as job 1: not re-run\)/)
    const files = readdirSync(out)
    expect(files).toHaveLength(8)
    for (const file of files) {
      expect(Buffer.byteLength(file)).toBeLessThanOrEqual(255)
      expect(file.startsWith('-dash "quoted" $(touch PWNED) ünï a long file name')).toBe(true)
      expect(file).toMatch(/\.(txt|srt|vtt|json)$/)
    }
    const texts = files.filter((f) => f.endsWith('.txt'))
    expect(texts).toHaveLength(2)
    for (const t of texts)
      expect(readFileSync(join(out, t), 'utf8').trim().length).toBeGreaterThan(10)
  })

  it('rejects bad options with one line and exit code 2', () => {
    const run = cli([
      '--data-dir',
      join(dir, 'data-usage'),
      'transcribe',
      CLIP,
      '--chunk',
      '10',
      '--overlap',
      '6'
    ])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/--overlap: overlap must be less than half the chunk length/)
  })

  it('Ctrl-C stops every tree and marks the jobs cancelled', async () => {
    const dataDir = join(dir, 'data-ctrlc')
    const long = joinedLibrivox(join(dir, 'long.wav'), 4)
    const child = spawn(
      process.execPath,
      [BIN, '--data-dir', dataDir, 'transcribe', long, CLIP, '--chunk', '10', '--processes', '2'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, TRANSCRIPTOR_HOME: '' }
      }
    )
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)))
    await waitFor(
      // This job's engine: "pocketsphinx" anywhere on the machine also matched the pipeline's own
      // spec argument (and any other test's engine), so Ctrl-C could come before the engine ran.
      () => enginesOf(dataDir).length > 0,
      'the engine to run',
      60_000
    )
    child.kill('SIGINT')
    expect(await exited).toBe(130)
    const rows = JSON.parse(
      cli(['--data-dir', dataDir, 'jobs', 'list', '--json']).stdout
    ) as JobRow[]
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'cancelled'])
    expect(rows.every((r) => r.process_id === null || !isAlive(r.process_id))).toBe(true)
    await waitFor(
      () => processesMentioning(dataDir).length === 0,
      'every process of the job to be gone',
      10_000
    )
    expect(stderr).toMatch(/cancelled/)
  })
})

describe('transcriptor doctor', () => {
  it('reports ffmpeg, engines (with the whisper install hint) and the database', () => {
    const run = cli(['--data-dir', join(dir, 'data-doctor'), 'doctor', '--json'])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as {
      canTranscribe: boolean
      checks: { name: string; ok: boolean; detail: string }[]
    }
    expect(report.canTranscribe).toBe(true)
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]))
    expect(byName.ffmpeg.ok).toBe(true)
    expect(byName['engine pocketsphinx'].ok).toBe(true)
    expect(byName.database.ok).toBe(true)
    if (!byName['engine whisper'].ok)
      expect(byName['engine whisper'].detail).toMatch(/whisper-cli|whisper model/)
    const text = cli(['--data-dir', join(dir, 'data-doctor'), 'doctor'])
    expect(text.stdout).toMatch(/ready to transcribe/)
  })
})
