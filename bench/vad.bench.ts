// Issue 22's targets for voice activity detection, in one run on one file: the five LibriVox
// sentences with 10–30 s of noise and music between them (tests/support/noisySpeech.ts), through
// the built pipeline with pocketsphinx, `vad` silero vs energy vs off. Per variant: seconds of
// audio sent to the engine (target: Silero within 10 % of the speech's own length) and WER
// (target: Silero lower than energy and off). And the VAD's cost per hour of audio beside the
// time pocketsphinx takes to transcribe the same file (vad off).
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { VadChoice } from '@shared/domain'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import type { Transcript } from '@shared/transcript'
import { pipelineLaunch } from '../src/main/core/process/pipelineLaunch'
import { noisySpeech, type NoisySpeech } from '../tests/support/noisySpeech'
import { wordErrorRate } from '../tests/support/wer'
import type { BenchResult } from './types'

const MODEL = resolve(__dirname, '../../shared/data/models/ggml-silero-v6.2.0.bin')

interface Measured {
  engineSeconds: number
  wer: number
  wallSeconds: number
  /** The VAD's own time on the whole file (0 with `vad` off). */
  vadMs: number
}

async function transcribe(dir: string, input: NoisySpeech, vad: VadChoice): Promise<Measured> {
  const spec: PipelineSpec = {
    jobId: 1,
    inputPath: input.path,
    outputDir: join(dir, `out-${vad}`),
    outputBaseName: 'bench',
    engine: 'pocketsphinx',
    model: '',
    processes: 2,
    workers: 1,
    chunkSeconds: 30,
    overlapSeconds: 2,
    formats: ['json'],
    tempDir: join(dir, `tmp-${vad}`),
    vad,
    vadModel: MODEL
  }
  const launch = pipelineLaunch(spec)
  const started = performance.now()
  const child = spawn(
    launch.command,
    launch.args.filter((a) => a !== '--supervised'),
    { env: launch.env, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let log = ''
  child.stdout.on('data', (b: Buffer) => (log += b.toString()))
  child.stderr.on('data', (b: Buffer) => (log += b.toString()))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  const wallSeconds = (performance.now() - started) / 1000
  rmSync(spec.tempDir, { recursive: true, force: true })
  if (code !== 0) throw new Error(`pipeline (vad ${vad}) failed: ${log.trim().split('\n').at(-1)}`)
  const engineSeconds = Number(/([\d.]+) s to the engine/.exec(log)?.[1] ?? NaN)
  const vadMs = Number(/vad: \w+ found .* in (\d+) ms/.exec(log)?.[1] ?? 0)
  const t = JSON.parse(readFileSync(join(spec.outputDir, 'bench.json'), 'utf8')) as Transcript
  const text = t.segments.map((s) => s.text).join(' ')
  return { engineSeconds, wer: wordErrorRate(input.reference, text), wallSeconds, vadMs }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-bench-vad-'))
  try {
    const input = noisySpeech(dir)
    const duration = input.noise.at(-1)?.end ?? 0
    const silero = await transcribe(dir, input, 'silero')
    const energy = await transcribe(dir, input, 'energy')
    const off = await transcribe(dir, input, 'off')
    const speech = input.speechSeconds
    const pct = (n: number): number => Math.round(n * 1000) / 10
    const perHour = (seconds: number): number => (seconds / duration) * 3600
    const note = `${duration.toFixed(0)} s file, ${speech.toFixed(1)} s of it speech`
    return [
      {
        name: 'engine seconds, silero',
        value: silero.engineSeconds,
        unit: 's',
        baseline: speech,
        ratio: silero.engineSeconds / speech,
        target: '≤ 1.10 × the speech’s own length',
        pass: silero.engineSeconds <= speech * 1.1,
        notes: `${note}; baseline = the speech's length; energy sends ${energy.engineSeconds} s, off ${off.engineSeconds} s`
      },
      {
        name: 'WER, silero vs energy',
        value: pct(silero.wer),
        unit: '%',
        baseline: pct(energy.wer),
        ratio: energy.wer / silero.wer,
        target: 'silero lower',
        pass: silero.wer < energy.wer,
        notes: `off: ${pct(off.wer)} %`
      },
      {
        name: 'WER, silero vs off',
        value: pct(silero.wer),
        unit: '%',
        baseline: pct(off.wer),
        ratio: off.wer / silero.wer,
        target: 'silero lower',
        pass: silero.wer < off.wer
      },
      {
        name: 'VAD cost per hour of audio',
        value: perHour(silero.vadMs / 1000),
        unit: 's/h',
        baseline: perHour(off.wallSeconds),
        ratio: perHour(off.wallSeconds) / perHour(silero.vadMs / 1000),
        notes:
          `baseline: pocketsphinx's whole job on the same file (vad off), per hour; ` +
          `whole job with silero ${silero.wallSeconds.toFixed(1)} s vs off ${off.wallSeconds.toFixed(1)} s; ` +
          `energy detector ${perHour(energy.vadMs / 1000).toFixed(1)} s/h`
      }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
