// Live words and resume on a 5-minute LibriVox recording, pocketsphinx, processes=2, the pipeline
// run directly (as the ProcessManager runs it, fd 3 events included):
//  - time to first words: spawn → the first chunkWords event, against one chunk's work (the time
//    from the start of transcription to that event) + 1 s;
//  - resume: an uninterrupted run is the baseline; a second run is killed with SIGKILL (its whole
//    process group) once half the chunks are done, then resumed from its checkpoints. Reports the
//    resumed part and both parts together against the baseline, and whether the transcripts match.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { DEFAULT_SETTINGS } from '@shared/domain'
import type { PipelineEvent, PipelineSpec } from '@shared/pipelineProtocol'
import { pipelineLaunch } from '../src/main/core/process/pipelineLaunch'
import { joinedSpeech } from '../tests/support/speech'
import type { BenchResult } from './types'

const REPEAT = 12 // 12 × 24.7 s ≈ 5 min

/** The fd-3 line as an event (the bench runs under tsx without the @shared alias at run time). */
function eventOf(line: string): PipelineEvent | null {
  try {
    return JSON.parse(line) as PipelineEvent
  } catch {
    return null
  }
}

interface Run {
  wallSeconds: number
  firstWordsSeconds: number | null
  /** From the 'engine' event (transcription starts) to the first chunkWords event. */
  firstChunkWorkSeconds: number | null
  killed: boolean
  code: number | null
}

function specFor(dir: string, input: string, name: string, resume = false): PipelineSpec {
  return {
    jobId: 1,
    inputPath: input,
    outputDir: join(dir, `out-${name}`),
    outputBaseName: 'bench',
    // The app's defaults (pocketsphinx, 2 processes, 30 s chunks), written as JSON only.
    engine: DEFAULT_SETTINGS.engine,
    model: DEFAULT_SETTINGS.model,
    processes: DEFAULT_SETTINGS.processes,
    workers: DEFAULT_SETTINGS.workers,
    chunkSeconds: DEFAULT_SETTINGS.chunkSeconds,
    overlapSeconds: DEFAULT_SETTINGS.overlapSeconds,
    formats: ['json'],
    tempDir: join(dir, `tmp-${name}`),
    workDir: join(dir, `work-${name}`),
    resume
  }
}

/** Runs the pipeline; with killAtFraction, SIGKILLs its process group once progress reaches it. */
async function runPipeline(spec: PipelineSpec, killAtFraction?: number): Promise<Run> {
  const launch = pipelineLaunch(spec)
  const started = performance.now()
  const child = spawn(
    launch.command,
    launch.args.filter((a) => a !== '--supervised'),
    { env: launch.env, stdio: ['ignore', 'ignore', 'ignore', 'pipe'], detached: true }
  )
  let firstWords: number | null = null
  let engineAt: number | null = null
  let killed = false
  const lines = createInterface({ input: child.stdio[3] as Readable })
  lines.on('line', (line) => {
    const event = eventOf(line)
    const now = (performance.now() - started) / 1000
    if (event?.type === 'engine') engineAt = now
    if (event?.type === 'chunkWords' && firstWords === null) firstWords = now
    if (
      event?.type === 'progress' &&
      killAtFraction !== undefined &&
      event.fraction >= killAtFraction &&
      !killed
    ) {
      killed = true
      process.kill(-(child.pid as number), 'SIGKILL')
    }
  })
  const code = await new Promise<number | null>((done) => child.on('close', done))
  return {
    wallSeconds: (performance.now() - started) / 1000,
    firstWordsSeconds: firstWords,
    firstChunkWorkSeconds: firstWords !== null && engineAt !== null ? firstWords - engineAt : null,
    killed,
    code
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-bench-resume-'))
  try {
    const input = joinedSpeech(dir, REPEAT, 'five-minutes.wav')
    const audioSeconds = Number(execFileSync('soxi', ['-D', input], { encoding: 'utf8' }))
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

    const whole = specFor(dir, input, 'whole')
    const uninterrupted = await runPipeline(whole)
    if (uninterrupted.code !== 0) throw new Error('the uninterrupted run failed')
    const crashed = await runPipeline(specFor(dir, input, 'crash'), 0.5)
    if (!crashed.killed) throw new Error('the run to kill finished before half way')
    const resumed = await runPipeline(specFor(dir, input, 'crash', true))
    if (resumed.code !== 0) throw new Error('the resumed run failed')
    const same =
      readFileSync(join(whole.outputDir, 'bench.json'), 'utf8') ===
      readFileSync(join(dir, 'out-crash', 'bench.json'), 'utf8')

    const firstWords = uninterrupted.firstWordsSeconds ?? NaN
    const chunkWork = uninterrupted.firstChunkWorkSeconds ?? NaN
    const both = crashed.wallSeconds + resumed.wallSeconds
    const setup = `${audioSeconds.toFixed(0)} s LibriVox, pocketsphinx ×2, 30 s chunks, load avg at start ${load}`
    return [
      {
        name: 'time to first words (baseline: one chunk’s work + 1 s)',
        value: firstWords,
        unit: 's',
        baseline: chunkWork + 1,
        target: '≤ one chunk’s work + 1 s',
        pass: firstWords <= chunkWork + 1,
        notes: `${setup}; probe + decode + cut plan took ${(firstWords - chunkWork).toFixed(2)} s; the whole run ${uninterrupted.wallSeconds.toFixed(1)} s`
      },
      {
        name: 'resumed part after kill -9 at 50 % (baseline: uninterrupted)',
        value: resumed.wallSeconds,
        unit: 's',
        baseline: uninterrupted.wallSeconds,
        ratio: resumed.wallSeconds / uninterrupted.wallSeconds,
        target: '≤ 0.6× uninterrupted',
        pass: resumed.wallSeconds <= 0.6 * uninterrupted.wallSeconds,
        notes: `transcript identical to the uninterrupted run: ${same ? 'yes' : 'NO'}`
      },
      {
        name: 'killed part + resumed part (baseline: uninterrupted)',
        value: both,
        unit: 's',
        baseline: uninterrupted.wallSeconds,
        ratio: both / uninterrupted.wallSeconds,
        notes: `killed after ${crashed.wallSeconds.toFixed(1)} s; ratio − 1 = the work lost to the crash (decode again, chunks in flight)`
      }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
