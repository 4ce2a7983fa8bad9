// Logs: getLogs' backwards block reader against GNU `tail -n 50` on the same 1 GB log, and live
// log streaming (child → line splitter → file + batched subscriber) against the same child piped
// to `cat > /dev/null`, with the event loop's worst delay while streaming.
import { execFile, spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { JobLogSink } from '../src/main/core/process/logSink'
import { readLastLines } from '../src/main/os/logTail'
import type { BenchResult } from './types'

const LINES_FIXTURE = join(__dirname, '../tests/fixtures/process/lines.mjs')
const STREAM_LINES = 1_000_000
const ROUNDS = 15

const p50 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const r1 = (n: number): number => Math.round(n * 10) / 10

/** 1 GiB of real, numbered log lines written in 1 MiB blocks. */
function writeGigabyteLog(path: string): string[] {
  const fd = openSync(path, 'w')
  const lines: string[] = []
  let n = 0
  for (let block = 0; block < 1024; block++) {
    let text = ''
    while (text.length < 1024 * 1024 - 200)
      text += `${n++} [worker ${n % 7}] chunk ${n % 1000} decoded ${'·'.repeat(n % 40)}\n`
    writeSync(fd, text)
    if (block === 1023) lines.push(...text.split('\n').slice(0, -1))
  }
  closeSync(fd)
  return lines.slice(-50)
}

function gnuTail(path: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    execFile('tail', ['-n', '50', path], { maxBuffer: 1 << 20 }, (err, out) =>
      err ? reject(err) : resolve(out.split('\n').slice(0, -1))
    )
  )
}

async function tailBench(dir: string): Promise<BenchResult> {
  const path = join(dir, 'big.log')
  const expected = writeGigabyteLog(path)
  const ours: number[] = []
  const base: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now()
    const got = await readLastLines(path, 50)
    ours.push(performance.now() - t)
    if (got.join('\n') !== expected.join('\n'))
      throw new Error('readLastLines returned the wrong lines')
    t = performance.now()
    const tailed = await gnuTail(path)
    base.push(performance.now() - t)
    if (tailed.join('\n') !== expected.join('\n')) throw new Error('tail disagrees')
  }
  rmSync(path)
  const o = p50(ours)
  const b = p50(base)
  return {
    name: 'getLogs(50) on a 1 GB log, p50',
    value: r1(o),
    unit: 'ms',
    baseline: r1(b),
    ratio: r1(b / o),
    target: 'within 2× of GNU tail -n 50 (ratio ≥ 0.5)',
    pass: o <= 2 * b,
    notes: `${ROUNDS} rounds, warm cache; tail timed as a spawned process (how a user runs it)`
  }
}

/** The same child into `cat`; also the loop delay of this (idle) process meanwhile, as a reference. */
function baselineCat(): Promise<{ ms: number; lagMs: number }> {
  const lag = monitorEventLoopDelay({ resolution: 10 })
  lag.enable()
  return new Promise((resolve, reject) => {
    const t = performance.now()
    const sh = spawn('sh', [
      '-c',
      `"${process.execPath}" "${LINES_FIXTURE}" ${STREAM_LINES} | cat > /dev/null`
    ])
    sh.on('exit', (code) => {
      lag.disable()
      if (code === 0) resolve({ ms: performance.now() - t, lagMs: lag.max / 1e6 })
      else reject(new Error(`cat baseline ${code}`))
    })
  })
}

async function streamOurs(dir: string): Promise<{ ms: number; lagMs: number; batches: number }> {
  const lag = monitorEventLoopDelay({ resolution: 10 })
  let received = 0
  let batches = 0
  const sink = new JobLogSink({
    jobId: 1,
    path: join(dir, 'stream.log'),
    onBatch: (b) => {
      batches++
      received += b.lines.length
    }
  })
  lag.enable()
  const t = performance.now()
  const child = spawn(process.execPath, [LINES_FIXTURE, String(STREAM_LINES)], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  sink.attach(child.stdout, 'stdout')
  sink.attach(child.stderr, 'stderr')
  await new Promise((r) => child.once('exit', r))
  await sink.drained()
  await sink.close()
  const ms = performance.now() - t
  lag.disable()
  if (received !== STREAM_LINES)
    throw new Error(`subscriber got ${received} of ${STREAM_LINES} lines`)
  return { ms, lagMs: lag.max / 1e6, batches }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-logs-'))
  try {
    const tail = await tailBench(dir)
    const ours: { ms: number; lagMs: number; batches: number }[] = []
    const base: { ms: number; lagMs: number }[] = []
    for (let i = 0; i < 3; i++) {
      ours.push(await streamOurs(dir))
      base.push(await baselineCat())
    }
    const oursMs = p50(ours.map((o) => o.ms))
    const baseMs = p50(base.map((b) => b.ms))
    const idleLag = Math.max(...base.map((b) => b.lagMs))
    const worstLag = Math.max(...ours.map((o) => o.lagMs))
    const oursRate = STREAM_LINES / (oursMs / 1000)
    const baseRate = STREAM_LINES / (baseMs / 1000)
    return [
      tail,
      {
        name: `log streaming ${STREAM_LINES / 1e6}M lines to a subscriber + file, p50 of 3`,
        value: Math.round(oursRate),
        unit: 'lines/s',
        baseline: Math.round(baseRate),
        ratio: Math.round((oursRate / baseRate) * 100) / 100,
        target: 'report (bigger is better), main loop lag stated',
        notes: `baseline = same child | cat > /dev/null; worst event-loop delay ${r1(worstLag)} ms; deliveries per run: ${ours.map((o) => o.batches).join('/')} (≤ 20/s)`
      },
      {
        name: 'main event loop worst delay while streaming',
        value: r1(worstLag),
        unit: 'ms',
        baseline: r1(idleLag),
        target: 'report; baseline = worst delay of this process idling during the cat run',
        notes: 'includes OS scheduling delay on a loaded 2-core machine'
      }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
