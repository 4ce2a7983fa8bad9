// whisper.cpp (bundled binding) with an empty-weights model, so it runs where no weights can be
// downloaded: (1) real-time factor of a whole job through the real pipeline with 1 vs 2 worker
// processes on this machine; (2) model loaded once per worker (the pool) vs once per chunk (a new
// worker process for every chunk), on the same chunks.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { pipelineLaunch } from '../src/main/core/process/pipelineLaunch'
import { whisperEngine } from '../src/main/engines/whisper'
import { FAST_EMPTY_MODEL, writeEmptyWhisperModel } from '../tests/support/emptyWhisperModel'
import type { BenchResult } from './types'

const LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox'
const clips = (): string[] =>
  readdirSync(LIBRIVOX)
    .filter((f) => f.endsWith('.wav'))
    .sort()
    .map((f) => join(LIBRIVOX, f))

function audioSeconds(path: string): number {
  return Number(execFileSync('soxi', ['-D', path], { encoding: 'utf8' }).trim())
}

async function runJob(spec: PipelineSpec): Promise<number> {
  const launch = pipelineLaunch(spec)
  const args = launch.args.filter((a) => a !== '--supervised')
  const t0 = performance.now()
  const child = spawn(launch.command, args, { env: launch.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr.on('data', (b: Buffer) => (err += b.toString()))
  child.stdout.resume()
  const code = await new Promise((r) => child.on('close', r))
  if (code !== 0) throw new Error(`pipeline failed: ${err}`)
  return performance.now() - t0
}

async function rtf(
  dir: string,
  model: string,
  input: string,
  seconds: number
): Promise<BenchResult[]> {
  const spec = (processes: number): PipelineSpec => ({
    jobId: processes,
    inputPath: input,
    outputDir: join(dir, `out-${processes}`),
    outputBaseName: 'bench',
    engine: 'whisper',
    model,
    processes,
    workers: 1,
    chunkSeconds: 10,
    overlapSeconds: 1,
    formats: ['json'],
    tempDir: join(dir, `tmp-${processes}`),
    language: 'en'
  })
  const one = await runJob(spec(1))
  const two = await runJob(spec(2))
  const rtf1 = one / 1000 / seconds
  const rtf2 = two / 1000 / seconds
  return [
    {
      name: `RTF, ${Math.round(seconds)} s of speech in 10 s chunks, 2 worker processes`,
      value: rtf2,
      unit: '× real time',
      baseline: rtf1,
      ratio: rtf1 / rtf2,
      target: 'faster than 1 worker on 2 cores',
      pass: rtf2 < rtf1,
      notes: 'baseline = 1 worker; ratio = speed-up; empty-weights model (tiny-shaped, 1 layer)'
    }
  ]
}

async function loadOnce(dir: string, model: string): Promise<BenchResult[]> {
  const chunks = clips().map((c, i) => {
    const out = join(dir, `chunk-${i}.wav`)
    execFileSync('sox', [c, '-r', '16000', '-c', '1', '-b', '16', out])
    return out
  })
  const options = (signal: AbortSignal) => ({
    model,
    threads: 1,
    signal,
    scratchDir: dir,
    language: 'en'
  })
  const signal = new AbortController().signal
  const t0 = performance.now()
  const worker = await whisperEngine.startWorker?.({ model, log: () => {} })
  if (!worker) throw new Error('no bundled whisper worker')
  for (const c of chunks) await worker.transcribe(c, options(signal))
  worker.close()
  const pooled = performance.now() - t0
  const t1 = performance.now()
  for (const c of chunks) await whisperEngine.transcribeChunk(c, options(signal))
  const perChunk = performance.now() - t1
  return [
    {
      name: `${chunks.length} chunks, model loaded once per worker`,
      value: Math.round(pooled),
      unit: 'ms',
      baseline: Math.round(perChunk),
      ratio: perChunk / pooled,
      target: 'faster than loading per chunk',
      pass: pooled < perChunk,
      notes: `baseline = a worker process + model load per chunk; one load here took ${worker.loadMs} ms`
    }
  ]
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-bench-whisper-'))
  try {
    const model = writeEmptyWhisperModel(join(dir, 'ggml-empty.bin'), FAST_EMPTY_MODEL)
    const input = join(dir, 'speech.wav')
    execFileSync('sox', [...clips(), ...clips(), input])
    return [...(await rtf(dir, model, input, audioSeconds(input))), ...(await loadOnce(dir, model))]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
