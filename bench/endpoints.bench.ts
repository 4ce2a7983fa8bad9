// Remote endpoints: (1) the same file through 2 loopback transcription servers × 1 request each
// against 1 server × 1 (baseline, same run, same chunking): the speed-up a second server buys;
// (2) Stop with 4 requests in flight (2 hanging servers × 2), the way the ProcessManager stops a
// job: `stop` on the control pipe, then SIGTERM to the process group; timed to "no socket to
// either server open".
// Knobs for a short smoke run: BENCH_ENDPOINTS_REPEAT=1 (the file: 1 ≈ 27 s, default 2 ≈ 55 s),
// BENCH_ENDPOINTS_STOP_ROUNDS=1 (default 5).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EndpointRef } from '@shared/endpoints'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { pipelineLaunch } from '../src/main/core/process/pipelineLaunch'
import { connectionsTo } from '../tests/support/sockets'
import { joinedSpeech } from '../tests/support/speech'
import { spawnSttServer, type RunningSttServer } from '../tests/support/sttServers'
import type { BenchResult } from './types'

const knob = (name: string, fallback: number): number => {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value >= 1 ? value : fallback
}
const STOP_ROUNDS = knob('BENCH_ENDPOINTS_STOP_ROUNDS', 5)
const REPEAT = knob('BENCH_ENDPOINTS_REPEAT', 2)

function spec(dir: string, input: string, name: string, endpoints: EndpointRef[]): PipelineSpec {
  return {
    jobId: 1,
    inputPath: input,
    outputDir: join(dir, name, 'out'),
    outputBaseName: 'transcript',
    engine: 'openai',
    model: '',
    processes: 1,
    workers: 1,
    chunkSeconds: 9,
    overlapSeconds: 1,
    formats: ['txt'],
    tempDir: join(dir, name, 'tmp'),
    endpoints
  }
}

const ep = (s: RunningSttServer, concurrency = 1): EndpointRef => ({
  baseUrl: s.url,
  model: 'pocketsphinx',
  concurrency
})

function start(s: PipelineSpec) {
  const launch = pipelineLaunch(s)
  const child = spawn(launch.command, launch.args, {
    env: launch.env,
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true
  })
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  return { child, exited }
}

async function timedRun(s: PipelineSpec): Promise<number> {
  const t0 = performance.now()
  const { exited } = start(s)
  const code = await exited
  if (code !== 0) throw new Error(`pipeline exited with ${code}`)
  return (performance.now() - t0) / 1000
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(1)
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-endpoints-'))
  const servers: RunningSttServer[] = []
  try {
    const input = joinedSpeech(dir, REPEAT) // 2 ≈ 55 s, 7 chunks of 9 s
    const [a, b] = await Promise.all([spawnSttServer(), spawnSttServer()])
    servers.push(a, b)
    const one = await timedRun(spec(dir, input, 'one', [ep(a)]))
    const two = await timedRun(spec(dir, input, 'two', [ep(a), ep(b)]))
    const ratio = one / two

    const [h1, h2] = await Promise.all([
      spawnSttServer({ fault: 'hang' }),
      spawnSttServer({ fault: 'hang' })
    ])
    servers.push(h1, h2)
    const open = (): number => connectionsTo(h1.port) + connectionsTo(h2.port)
    const stops: number[] = []
    for (let round = 0; round < STOP_ROUNDS; round++) {
      const { child, exited } = start(spec(dir, input, `stop-${round}`, [ep(h1, 2), ep(h2, 2)]))
      await until(() => open() === 4, 60_000, '4 requests in flight')
      const t0 = performance.now()
      child.stdin?.write('stop\n')
      process.kill(-(child.pid as number), 'SIGTERM')
      await until(() => open() === 0, 5_000, 'no socket open')
      stops.push(performance.now() - t0)
      await exited
    }
    const sorted = [...stops].sort((x, y) => x - y)
    const p50 = sorted[Math.floor(sorted.length / 2)]
    const worst = sorted[sorted.length - 1]
    return [
      {
        name: `2 loopback servers × 1 vs 1 server × 1, same ${REPEAT * 27} s file (wall time)`,
        value: Math.round(two * 10) / 10,
        unit: 's',
        baseline: Math.round(one * 10) / 10,
        ratio: Math.round(ratio * 100) / 100,
        target: '≈ 2× on 2 cores',
        pass: ratio >= 1.6,
        notes: 'servers transcribe with pocketsphinx; chunk 9 s, overlap 1 s; FLAC uploads'
      },
      {
        name: `Stop with 4 requests in flight → no socket open (p50 of ${STOP_ROUNDS})`,
        value: Math.round(p50),
        unit: 'ms',
        target: '≤ 200 ms',
        pass: worst <= 200,
        notes: `control-pipe stop + SIGTERM to the group; all: ${stops.map((x) => x.toFixed(0)).join('/')} ms; worst ${worst.toFixed(0)} ms`
      }
    ]
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
    rmSync(dir, { recursive: true, force: true })
  }
}
