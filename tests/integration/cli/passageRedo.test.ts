// Confidences and "Transcribe again" through bin/transcriptor.js, as a user runs them, on real
// LibriVox speech with real pocketsphinx and a real loopback OpenAI-compatible server:
// - the json output carries each word's probability; `jobs show` counts the doubtful words;
// - `jobs redo ID --from --to --engine openai` replaces that passage only (the SRT on disk has the
//   server's words there and pocketsphinx's elsewhere; the engine's original stays in the DB);
// - a redo whose recording is gone is refused with the reason, and creates no job;
// - a redo stopped midway (Ctrl-C) leaves the passage as it was;
// - a redo whose process is killed (-9) is resumed later and still puts its passage back.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { copyFileSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { doubtfulWords } from '@shared/doubtfulWords'
import type { Transcript } from '@shared/transcript'
import { openStore } from '../../../src/main/core/openDataDir'
import { LIBRIVOX_DIR } from '../../support/speech'
import { makeTempDir, removeDir } from '../../support/db'
import { waitFor } from '../../support/waitFor'
import { startFixedWordsServer, type FixedWordsServer } from '../../support/fixedWordsServer'
import { CLI_BIN, runCliAsync, type CliRun } from '../../support/cliProcess'

// "… mister john dashwood had then leisure to consider …" (7.1 s), 1.5 s of silence, then "he
// might even have been made amiable himself" (3.3 s, from 8.6 s).
const CLIPS = ['0870', '0930'].map((n) =>
  join(LIBRIVOX_DIR, `sense_and_sensibility_01_austen_64kb-${n}.wav`)
)
const PASSAGE = ['--from', '8', '--to', '12']
const NEW_WORDS = ['zebra', 'quartz', 'saxophone']
const RESUMED_WORDS = ['walrus', 'tangerine', 'harp']

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI_BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, TRANSCRIPTOR_HOME: '' }
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** As cli(), without blocking this process (the loopback server runs in it and must answer). */
const cliAsync = (args: string[]): Promise<CliRun> => runCliAsync(['--data-dir', dataDir, ...args])

let dir: string
let dataDir: string
let input: string
let server: FixedWordsServer
const srt = (): string => readFileSync(join(dir, 'out', 'talk.srt'), 'utf8')

beforeAll(async () => {
  dir = makeTempDir('transcriptor-redo-')
  dataDir = join(dir, 'data')
  input = join(dir, 'talk.wav')
  const padded = join(dir, 'padded.wav')
  execFileSync('sox', [CLIPS[0], padded, 'pad', '0', '1.5'])
  execFileSync('sox', [padded, CLIPS[1], input])
  server = await startFixedWordsServer(NEW_WORDS)
  const out = join(dir, 'out')
  const run = cli([
    'transcribe',
    input,
    '--engine',
    'pocketsphinx',
    '--format',
    'srt,json',
    '--out',
    out
  ])
  expect(run.code, run.stderr).toBe(0)
}, 120_000)

afterAll(async () => {
  await server.close()
  removeDir(dir)
})

describe('confidences and doubtful words', () => {
  it("the json output has pocketsphinx's probability on each word; jobs show counts the doubtful ones", () => {
    const json = JSON.parse(readFileSync(join(dir, 'out', 'talk.json'), 'utf8')) as Transcript
    const words = json.segments.flatMap((s) => s.words)
    expect(words.length).toBeGreaterThan(12)
    expect(
      words.every((w) => w.probability !== undefined && w.probability >= 0 && w.probability <= 1)
    ).toBe(true)
    const expected = doubtfulWords(json, 0.5).length
    expect(expected).toBeGreaterThan(0)
    expect(expected).toBeLessThan(words.length)
    const shown = cli(['jobs', 'show', '1', '--json'])
    expect(shown.code).toBe(0)
    expect((JSON.parse(shown.stdout) as { doubtfulWords: number }).doubtfulWords).toBe(expected)
    expect(cli(['jobs', 'show', '1']).stdout).toContain(`doubtful:   ${expected} doubtful words`)
  })
})

describe('transcriptor jobs redo', () => {
  it('a redo whose recording is gone is refused with the reason, and no job is made', () => {
    const copy = join(dir, 'gone.wav')
    copyFileSync(input, copy)
    expect(
      cli([
        'transcribe',
        copy,
        '--engine',
        'pocketsphinx',
        '--format',
        'json',
        '--out',
        join(dir, 'gone')
      ]).code
    ).toBe(0)
    rmSync(copy)
    const run = cli(['jobs', 'redo', '2', '--from', '0', '--to', '3', '--engine', 'pocketsphinx'])
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(
      /cannot transcribe 0:00–0:03 of job 2 again: its recording .*gone\.wav: file not found/
    )
    const list = JSON.parse(cli(['jobs', 'list', '--json']).stdout) as unknown[]
    expect(list).toHaveLength(2)
  })

  it('a redo stopped midway leaves the passage as it was', async () => {
    const before = srt()
    const hanging = await startFixedWordsServer(NEW_WORDS, { hang: true })
    try {
      const child = spawn(
        process.execPath,
        [CLI_BIN, '--data-dir', dataDir, 'jobs', 'redo', '1', ...PASSAGE,
          '--engine', 'openai', '--endpoint', `${hanging.url},model=fixed`], // prettier-ignore
        { env: { ...process.env, TRANSCRIPTOR_HOME: '' }, stdio: ['ignore', 'pipe', 'pipe'] }
      )
      let stdout = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
      // The passage is at the server (its request in flight): now Ctrl-C.
      await waitFor(
        () => hanging.requests > 0 || undefined,
        'the passage sent to the server',
        30_000
      )
      child.kill('SIGINT')
      expect(await exited).toBe(130)
      expect(stdout).toMatch(/cancelled: .*the passage stays as it was/)
    } finally {
      await hanging.close()
    }
    expect(srt()).toBe(before)
  }, 90_000)

  it("replaces only the passage with the other engine's words; the engine's original stays", async () => {
    const before = srt()
    const run = await cliAsync(['jobs', 'redo', '1', ...PASSAGE, '--engine', 'openai',
      '--endpoint', `${server.url},model=fixed`]) // prettier-ignore
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/completed: the passage of job 1 replaced/)
    const after = srt()
    expect(after).toContain(NEW_WORDS.join(' '))
    // The cues before 0:08 are untouched; the last one (the passage) is gone.
    const cues = before.trim().split('\n\n')
    expect(cues.length).toBeGreaterThan(1)
    expect(after.startsWith(cues.slice(0, -1).join('\n\n'))).toBe(true)
    expect(after).not.toContain(cues.at(-1)!.split('\n').slice(2).join('\n'))
    const store = openStore(dataDir)
    try {
      const original = store.transcripts.original(1)
      expect(original?.segments.at(-1)?.start).toBeGreaterThan(8)
      expect(store.transcripts.get(1)?.editedAt).not.toBeNull()
      // New words start inside the passage, at the server's times plus 8 s.
      const edited = store.transcripts.get(1)?.transcript
      const zebra = edited?.segments.flatMap((s) => s.words).find((w) => w.word === 'zebra')
      expect(zebra?.start).toBeCloseTo(8.2, 1)
    } finally {
      store.close()
    }
  }, 90_000)

  it('a redo killed mid-way and resumed later decodes its passage and puts it back', async () => {
    const before = srt()
    const server = await startFixedWordsServer(RESUMED_WORDS, { hang: 1 })
    try {
      const redoId = await redoKilledMidway(server)
      expect(srt()).toBe(before)
      const resumed = await cliAsync(['jobs', 'resume', redoId])
      expect(resumed.code, resumed.stderr).toBe(0)
    } finally {
      await server.close()
    }
    const after = srt()
    expect(after).toContain(RESUMED_WORDS.join(' '))
    // Only the passage: the cues before 0:08 are as they were.
    const cues = before.trim().split('\n\n')
    expect(after.startsWith(cues.slice(0, -1).join('\n\n'))).toBe(true)
  }, 90_000)

  // Last: it deletes job 1.
  it('a resumed redo whose job was deleted meanwhile completes saying it put nothing back', async () => {
    const server = await startFixedWordsServer(RESUMED_WORDS, { hang: 1 })
    try {
      const redoId = await redoKilledMidway(server)
      const store = openStore(dataDir)
      try {
        expect(store.jobs.deleteJob(1)).toBe(true)
      } finally {
        store.close()
      }
      const resumed = await cliAsync(['jobs', 'resume', redoId])
      expect(resumed.code, resumed.stderr).toBe(0)
      const shown = JSON.parse((await cliAsync(['jobs', 'show', redoId, '--json'])).stdout) as {
        job: { status: string; warning: string | null }
      }
      expect(shown.job.status).toBe('completed')
      expect(resumed.stdout).toMatch(/completed: the passage stays as it was/)
      expect(shown.job.warning).toBe('the passage stays as it was: the job it redoes was deleted')
    } finally {
      await server.close()
    }
  }, 90_000)
})

/**
 * `jobs redo 1` against a server that does not answer its first request, killed with -9 once the
 * passage is at the server; the redo job's id.
 */
async function redoKilledMidway(server: FixedWordsServer): Promise<string> {
  const child = spawn(
    process.execPath,
    [CLI_BIN, '--data-dir', dataDir, 'jobs', 'redo', '1', ...PASSAGE,
      '--engine', 'openai', '--endpoint', `${server.url},model=fixed`], // prettier-ignore
    { env: { ...process.env, TRANSCRIPTOR_HOME: '' }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<void>((done) => child.on('exit', () => done()))
  await waitFor(() => server.requests > 0 || undefined, 'the passage sent to the server', 30_000)
  child.kill('SIGKILL')
  await exited
  const redoId = /job (\d+):/.exec(stderr)?.[1]
  expect(redoId, stderr).toBeDefined()
  return redoId!
}
