// Speakers: the cost of the speaker step beside transcription of the same file. Two espeak-ng
// voices (tests/support/twoVoices.ts) with the synthetic speaker models (tests/support/
// speakerModels), pocketsphinx transcribing. The same file runs without speakers (the baseline)
// and with them; reported: diarization seconds per minute of audio (from the pipeline's log)
// beside the transcription's, and the peak RSS of the whole tree with / without speakers
// (target ≤ 1.3×). SPEAKERS_BENCH_SECONDS sets the length (10800 = the 3-hour figure).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { pipelineLaunch } from '../src/main/core/process/pipelineLaunch'
import { makeSpeakerModels } from '../tests/support/speakerModels'
import { twoVoiceRecording } from '../tests/support/twoVoices'
import { treeRssKb } from './support/treeRss'
import type { BenchResult } from './types'

const SECONDS = Number(process.env.SPEAKERS_BENCH_SECONDS ?? 180)

interface Measured {
  wallSeconds: number
  peakTreeRssMb: number
  /** From the log line "speakers: N found in X s"; null without speakers. */
  diarizeSeconds: number | null
}

async function runOnce(dir: string, input: string, speakers: boolean): Promise<Measured> {
  const models = makeSpeakerModels(join(dir, 'models'))
  const name = speakers ? 'with' : 'without'
  const spec: PipelineSpec = {
    jobId: speakers ? 2 : 1,
    inputPath: input,
    outputDir: join(dir, `out-${name}`),
    outputBaseName: 'bench',
    engine: 'pocketsphinx',
    model: '',
    processes: 2,
    workers: 1,
    chunkSeconds: 30,
    overlapSeconds: 2,
    formats: ['json'],
    tempDir: join(dir, `tmp-${name}`),
    ...(speakers && {
      speakers: 'auto' as const,
      segmentationModel: models.segmentation,
      embeddingModel: models.embedding
    })
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
  let peakKb = 0
  const sampler = setInterval(() => {
    if (child.pid) peakKb = Math.max(peakKb, treeRssKb(child.pid))
  }, 100)
  const code = await new Promise<number | null>((done) => child.on('close', done))
  clearInterval(sampler)
  rmSync(spec.tempDir, { recursive: true, force: true })
  if (code !== 0)
    throw new Error(`pipeline (${name} speakers) failed: ${log.trim().split('\n').at(-1)}`)
  const found = /speakers: \d+ found in ([\d.]+) s/.exec(log)
  return {
    wallSeconds: (performance.now() - started) / 1000,
    peakTreeRssMb: peakKb / 1024,
    diarizeSeconds: found ? Number(found[1]) : null
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-bench-speakers-'))
  try {
    const { path } = twoVoiceRecording(dir, SECONDS)
    const minutes = SECONDS / 60
    const without = await runOnce(dir, path, false)
    const withSpeakers = await runOnce(dir, path, true)
    const diarize = (withSpeakers.diarizeSeconds ?? NaN) / minutes
    const transcribe = without.wallSeconds / minutes
    const memory = withSpeakers.peakTreeRssMb / without.peakTreeRssMb
    return [
      {
        name: `speakers: diarization per minute of audio (${minutes.toFixed(0)} min file)`,
        value: diarize,
        unit: 's/min',
        baseline: transcribe,
        ratio: diarize / transcribe,
        notes:
          'baseline: pocketsphinx transcription of the same file, s/min (wall); ratio = diarize / transcribe'
      },
      {
        name: `speakers: peak tree RSS with / without speakers (${minutes.toFixed(0)} min file)`,
        value: withSpeakers.peakTreeRssMb,
        unit: 'MB',
        baseline: without.peakTreeRssMb,
        ratio: memory,
        target: '≤ 1.3× (the 3-hour figure: SPEAKERS_BENCH_SECONDS=10800)',
        pass: memory <= 1.3
      }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
