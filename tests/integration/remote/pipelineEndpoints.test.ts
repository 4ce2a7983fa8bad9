// The pipeline's endpoint pool against real HTTP on loopback: test servers that transcribe with
// pocketsphinx (so remote words can be compared with a local run), and servers that fail the
// ways real ones do. Each failure costs one line in the job log and nothing else.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest'
import { TranscriptSchema, type Transcript } from '@shared/transcript'
import type { EndpointRef } from '@shared/endpoints'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { connectionsTo } from '../../support/sockets'
import { startFixedWordsServer, type FixedWordsServer } from '../../support/fixedWordsServer'
import {
  spawnSttServer,
  startSttServer,
  type RunningSttServer,
  type SpawnSttOptions,
  type SttServerHandle
} from '../../support/sttServers'
import {
  joinedLibrivox,
  makeSpec,
  removeDir,
  runPipelineProcess,
  startPipeline,
  tempDir,
  transcriptText,
  waitFor,
  isAlive,
  childPids,
  LIBRIVOX
} from '../pipeline/harness'
import { librivoxClips } from '../../support/speech'

let dir: string
let long: string
let medium: string
let short: string

/**
 * A server inside the test process (most cases need no process of their own), stopped when the
 * test that started it ends: the cases of a concurrent block each stop their own.
 */
async function server(
  { onTestFinished }: TestContext,
  o: SpawnSttOptions = {}
): Promise<SttServerHandle> {
  const s = await startSttServer(o)
  onTestFinished(() => s.stop())
  return s
}

/** A server in its own process, for the case that kills it with -9 mid-job. */
async function killableServer({ onTestFinished }: TestContext): Promise<RunningSttServer> {
  const s = await spawnSttServer()
  onTestFinished(() => s.stop())
  return s
}

const endpoint = (s: { url: string }, concurrency = 1, model = 'pocketsphinx'): EndpointRef => ({
  baseUrl: s.url,
  model,
  concurrency
})

beforeAll(() => {
  dir = tempDir('transcriptor-remote-')
  long = joinedLibrivox(join(dir, 'long.wav')) // ~25 s
  // Two chunks of 9 s (each server one), pauses between the clips: ~15 s.
  medium = join(dir, 'medium.wav')
  execFileSync('sox', [...librivoxClips().slice(0, 3), medium])
  short = join(dir, 'short.wav')
  execFileSync('sox', [
    join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0870.wav'),
    short,
    'trim',
    '0',
    '3'
  ])
})
afterAll(() => removeDir(dir))

/** One job on the short clip with `s` as its only endpoint; the test fails unless it completes. */
async function completedWith(
  s: SttServerHandle,
  name: string,
  format: 'txt' | 'srt' | 'json'
): Promise<{ spec: PipelineSpec; log: string }> {
  const spec = makeSpec(join(dir, name), short, {
    engine: 'openai',
    formats: [format],
    endpoints: [endpoint(s)]
  })
  const run = await runPipelineProcess(spec)
  expect(run.code, run.stderr).toBe(0)
  return { spec, log: run.stdout + run.stderr }
}

function readJson(spec: PipelineSpec): Transcript {
  return JSON.parse(
    readFileSync(join(spec.outputDir, `${spec.outputBaseName}.json`), 'utf8')
  ) as Transcript
}

describe('two servers share a job', () => {
  it('the transcript equals the local run word for word, and both servers did work', async (ctx) => {
    const [a, b] = await Promise.all([server(ctx), server(ctx)])
    const common = { chunkSeconds: 9, overlapSeconds: 1, formats: ['txt' as const] }
    const local = makeSpec(join(dir, 'local'), medium, { ...common, processes: 2 })
    const remote = makeSpec(join(dir, 'remote'), medium, {
      ...common,
      engine: 'openai',
      endpoints: [endpoint(a), endpoint(b)]
    })
    // Side by side: the two jobs share nothing but the input file.
    const [localRun, remoteRun] = await Promise.all([
      runPipelineProcess(local),
      runPipelineProcess(remote)
    ])
    expect(localRun.code, localRun.stderr).toBe(0)
    expect(remoteRun.code, remoteRun.stderr).toBe(0)
    expect(transcriptText(remote).trim().length).toBeGreaterThan(50)
    expect(transcriptText(remote)).toBe(transcriptText(local))
    expect(a.lines.some((l) => /words in/.test(l))).toBe(true)
    expect(b.lines.some((l) => /words in/.test(l))).toBe(true)
    expect(a.lines.join('\n')).toMatch(/format=verbose_json granularities=word\+segment/)
    expect(remoteRun.stdout).toMatch(/FLAC \d+ KB \(\d+ % smaller than the \d+ KB WAV/)
    const remoteEvents = remoteRun.events.filter((e) => e.type === 'endpointRequests')
    expect(remoteEvents.length).toBeGreaterThan(0)
  }, 600_000)
})

// The cases share one good server (it answers each request on its own, with known words: what is
// tested is that it gets the chunk, so no engine runs there); each has its own faulty one, stopped
// after it like every server of this file.
const GOOD_WORDS = ['the', 'good', 'server', 'answered']

describe('a faulty server costs one line per chunk, nothing else', () => {
  let good: FixedWordsServer
  beforeAll(async () => {
    good = await startFixedWordsServer(GOOD_WORDS)
  })
  afterAll(() => good.close())
  // The hang is cut off by the bad endpoint's own timeout: short, so the case does not wait long;
  // the other faults answer at once, and keep a timeout no busy machine reaches. Each way a server
  // fails is here once through a real job; the other wrong replies (an HTML page, no text, too
  // much text, negative, backwards or disordered times) are refused by the same reply check with
  // their own line in tests/unit/remote/protocol.test.ts, and retried in 'a hostile reply' below.
  const cases: [SpawnSttOptions, RegExp, number?][] = [
    [{ fault: '500' }, /HTTP 500: internal server error/],
    [{ fault: '429' }, /rate limited \(HTTP 429\).*retrying in 1\.0 s \(Retry-After\)/],
    [{ fault: 'hang' }, /no answer within 1 s/, 1],
    [{ fault: 'drop' }, /connection dropped by the server/],
    [{ fault: 'badjson' }, /answered invalid JSON/],
    [{ fault: '401' }, /dropped for the rest of the job: not authorised \(HTTP 401\)/],
    [{ fault: 'huge' }, /answered more than 32 MiB; cut off/],
    [{ fault: 'redirect' }, /redirected \(HTTP 307\); not followed with the API key/],
    [{ fault: 'fartimes' }, /answered a word at 1e\+300 s, outside the [\d.]+ s chunk/]
  ]
  const faultCase = ([fault, reason, badTimeoutSeconds = 15]: (typeof cases)[number]): void =>
    it(`${fault.fault}: the good server does the chunk`, async (ctx) => {
      const bad = await server(ctx, fault)
      const spec = makeSpec(join(dir, `fault-${fault.fault}`), short, {
        engine: 'openai',
        formats: ['txt'],
        // No deadline a busy machine reaches for the good server (the bad one has its own).
        requestTimeoutSeconds: 120,
        endpoints: [{ ...endpoint(bad), timeoutSeconds: badTimeoutSeconds }, endpoint(good)]
      })
      const run = await runPipelineProcess(spec)
      expect(run.code, run.stderr).toBe(0)
      const log = run.stdout + run.stderr
      expect(log).toMatch(reason)
      const reasonLine = log.split('\n').find((l) => reason.test(l)) ?? ''
      expect(reasonLine.length).toBeLessThan(400)
      expect(transcriptText(spec).trim()).toBe(GOOD_WORDS.join(' '))
    }, 300_000)
  const heavy = (c: (typeof cases)[number]): boolean => c[0].fault === 'huge'
  // Side by side: each case is its own job against its own faulty server, and most of a case is
  // the pipeline's start (the hang and the 429 cases also wait on a clock).
  describe.concurrent('a small reply', () => cases.filter((c) => !heavy(c)).forEach(faultCase))
  // Alone: its megabytes are written by this process, which would starve the servers of the
  // cases beside it past the bad endpoint's timeout on a busy machine.
  describe('megabytes in the reply', () => cases.filter(heavy).forEach(faultCase))
})

// A server in its own process (killed with -9), beside the last endpoints and the job with no
// endpoint left: those wait on clocks and answer from words heard once, so the engines here have
// the cores to themselves most of the time.
describe.concurrent('two servers share a job, one is killed', () => {
  it('one server killed mid-job: its chunk goes to the other and the job completes', async (ctx) => {
    const [a, b] = await Promise.all([killableServer(ctx), server(ctx)])
    const spec = makeSpec(join(dir, 'killed'), medium, {
      engine: 'openai',
      chunkSeconds: 9,
      overlapSeconds: 1,
      formats: ['txt'],
      endpoints: [endpoint(a), endpoint(b)]
    })
    const running = startPipeline(spec)
    await waitFor(
      () => running.events.some((e) => e.type === 'endpointRequests' && e.requests.length >= 2),
      'both servers busy',
      60_000
    )
    a.kill()
    const run = await running.finished
    expect(run.code, run.stderr).toBe(0)
    // The killed server's failure, with its reason: 'dropped', or only 'chunk N failed
    // (connection …); retrying' when the other server finished the job before the retries ran
    // out (as in cliEndpoints.test.ts).
    expect(run.stdout + run.stderr).toMatch(
      new RegExp(`endpoint 127\\.0\\.0\\.1:${a.port}:? .*(connection|dropped)`)
    )
    expect(transcriptText(spec).trim().length).toBeGreaterThan(50)
  }, 600_000)
})

// Side by side too. The servers here answer real words of the same short clip in different shapes:
// it is transcribed once (reuseWords), the other servers answer the words heard then.
describe.concurrent('the last endpoints', () => {
  it('segments only (no word timestamps): words still come back', async (ctx) => {
    const s = await server(ctx, { segmentsOnly: true, reuseWords: true })
    const { spec } = await completedWith(s, 'segments', 'txt')
    expect(transcriptText(spec).trim().split(/\s+/).length).toBeGreaterThan(2)
  })

  it('a hostile reply is retried: the chunk is redone and no impossible time reaches SRT', async (ctx) => {
    const s = await server(ctx, { fault: 'fartimes', faultTimes: 1, reuseWords: true })
    const { spec, log } = await completedWith(s, 'hostile-retried', 'srt')
    expect(log).toMatch(/chunk 1 failed \(answered a word at 1e\+300 s.*retrying/)
    const srt = readFileSync(join(spec.outputDir, `${spec.outputBaseName}.srt`), 'utf8')
    const times = [...srt.matchAll(/(\d+):(\d\d):(\d\d),(\d{3})/g)].map(
      ([, h, m, sec, ms]) => +h * 3600 + +m * 60 + +sec + +ms / 1000
    )
    expect(times.length).toBeGreaterThan(1)
    for (const t of times) expect(t).toBeLessThanOrEqual(3.1)
  })

  for (const dialect of ['whispercpp', 'localai-ns'] as const) {
    it(`${dialect}'s reply shape: the same words, in seconds inside the file`, async (ctx) => {
      const s = await server(ctx, { dialect, reuseWords: true })
      const { spec } = await completedWith(s, `dialect-${dialect}`, 'json')
      const words = readJson(spec).segments.flatMap((seg) => seg.words)
      expect(words.length).toBeGreaterThan(2)
      for (const w of words) expect(w.end).toBeLessThanOrEqual(3.1)
    })
  }

  it('a 2,000-character "word": the transcript written is one the editor can save', async (ctx) => {
    const s = await server(ctx, { dialect: 'longword', reuseWords: true })
    const { spec } = await completedWith(s, 'longword', 'json')
    const transcript = readJson(spec)
    const words = transcript.segments.flatMap((seg) => seg.words)
    // Nothing lost: the long word is all there, in pieces the editor accepts.
    expect(words.map((w) => w.word).join('')).toContain('a'.repeat(2000))
    // What a save holds the edited transcript to (src/main/core/transcripts/saveChange.ts).
    expect(TranscriptSchema.safeParse(transcript)).toMatchObject({ success: true })
  })
})

// A port nothing listens on, which no server started beside this case can take: servers listen on
// port 0 and the system gives them one from its ephemeral range, far above 1024. (Not port 1:
// fetch refuses the ports of its block list before connecting, as "bad port".)
const NOTHING_LISTENS = { url: 'http://127.0.0.1:1023' }

describe.concurrent('no endpoint left', () => {
  it("no endpoint left: the job fails with every endpoint's reason", async (ctx) => {
    const unauthorised = await server(ctx, { fault: '401' })
    const spec = makeSpec(join(dir, 'none-left'), short, {
      engine: 'openai',
      formats: ['txt'],
      endpoints: [endpoint(unauthorised), endpoint(NOTHING_LISTENS)]
    })
    const run = await runPipelineProcess(spec)
    expect(run.code).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /every endpoint failed \(127\.0\.0\.1:\d+: not authorised \(HTTP 401\).*; 127\.0\.0\.1:\d+: connection refused\)/
    )
  })
})

describe('Stop with requests in flight', () => {
  it('SIGTERM: every request aborted, process tree and sockets gone within bounds', async (ctx) => {
    const [a, b] = await Promise.all([
      server(ctx, { fault: 'hang' }),
      server(ctx, { fault: 'hang' })
    ])
    const spec = makeSpec(join(dir, 'stop'), long, {
      engine: 'openai',
      chunkSeconds: 6,
      overlapSeconds: 1,
      formats: ['txt'],
      endpoints: [endpoint(a, 2), endpoint(b, 2)]
    })
    const running = startPipeline(spec, { supervised: true })
    await waitFor(
      () => running.events.some((e) => e.type === 'endpointRequests' && e.requests.length === 4),
      '4 requests in flight',
      60_000
    )
    // The event is sent as each request starts, a moment before its socket connects.
    await waitFor(
      () => connectionsTo(a.port) + connectionsTo(b.port) === 4,
      '4 sockets open',
      5_000
    )
    const pid = running.child.pid!
    const children = childPids(pid)
    const t0 = Date.now()
    running.child.kill('SIGTERM')
    await waitFor(() => connectionsTo(a.port) + connectionsTo(b.port) === 0, 'sockets closed', 2000)
    const socketsGoneMs = Date.now() - t0
    await running.finished
    await waitFor(() => !isAlive(pid) && children.every((c) => !isAlive(c)), 'tree gone', 2000)
    console.log(`Stop with 4 requests in flight: sockets closed in ${socketsGoneMs} ms`)
    expect(socketsGoneMs).toBeLessThanOrEqual(500)
  })
})
