// Speakers: the cost of the speaker step beside transcription of the same file. Two espeak-ng
// voices (tests/support/twoVoices.ts) with the synthetic speaker models (tests/support/
// speakerModels); every job runs the built pipeline with and without speakers, and the whole
// tree's RSS (pipeline, ffmpeg, engine workers, the speaker worker) is sampled from /proc.
//  - A short file (SPEAKERS_BENCH_SECONDS, default 3 minutes) transcribed by pocketsphinx:
//    diarization seconds per minute of audio (from the pipeline's log) beside the transcription's.
//  - The same recording looped to a long file (SPEAKERS_BENCH_LONG_SECONDS, default 3 hours),
//    its words from a loopback OpenAI-compatible server (pocketsphinx would take about half an
//    hour of CPU per run here): peak tree RSS with / without speakers, target ≤ 1.3×. The
//    baseline tree is then the pipeline and ffmpeg alone, the smallest a job has, so the ratio is
//    the speaker step's share at its largest; diarization per minute on the long file too.
// Memory does not depend on the machine's load; the times do.
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { pipelineLaunch } from '../src/main/core/process/pipelineLaunch'
import { makeSpeakerModels, type SpeakerModels } from '../tests/support/speakerModels'
import { SENTENCES, twoVoiceRecording } from '../tests/support/twoVoices'
import { startFixedWordsServer } from '../tests/support/fixedWordsServer'
import { makeSpec } from '../tests/support/pipelineSpec'
import { treeRssKb } from './support/treeRss'
import type { BenchResult } from './types'

const SECONDS = Number(process.env.SPEAKERS_BENCH_SECONDS ?? 180)
const LONG_SECONDS = Number(process.env.SPEAKERS_BENCH_LONG_SECONDS ?? 10800)
const SAMPLE_EVERY_MS = 250
/** What the loopback server answers for every 30 s chunk: 60 words, one every 0.3 s. */
const CHUNK_WORDS = SENTENCES.join(' ').split(' ').slice(0, 60)

/** "3 min", "3 h": a file's length as the result rows name it. */
const lengthLabel = (seconds: number): string =>
  seconds >= 3600 ? `${+(seconds / 3600).toFixed(1)} h` : `${+(seconds / 60).toFixed(1)} min`

interface Measured {
  wallSeconds: number
  peakTreeRssMb: number
  /** From the log line "speakers: N found in X s"; null without speakers. */
  diarizeSeconds: number | null
  speakersFound: number | null
}

interface Run {
  name: string
  input: string
  speakers: boolean
  /** The loopback words server; absent = pocketsphinx. */
  endpoint?: string
}

function specFor(dir: string, models: SpeakerModels, run: Run): PipelineSpec {
  return makeSpec(join(dir, run.name), run.input, {
    outputBaseName: 'bench',
    formats: ['json'],
    ...(run.endpoint
      ? {
          engine: 'openai' as const,
          endpoints: [{ baseUrl: run.endpoint, model: 'fixed', concurrency: 2 }]
        }
      : { engine: 'pocketsphinx' as const }),
    ...(run.speakers && {
      speakers: 'auto' as const,
      segmentationModel: models.segmentation,
      embeddingModel: models.embedding
    })
  })
}

async function runOnce(dir: string, models: SpeakerModels, run: Run): Promise<Measured> {
  const spec = specFor(dir, models, run)
  mkdirSync(join(dir, run.name), { recursive: true })
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
  }, SAMPLE_EVERY_MS)
  const code = await new Promise<number | null>((done) => child.on('close', done))
  clearInterval(sampler)
  rmSync(join(dir, run.name), { recursive: true, force: true })
  if (code !== 0) throw new Error(`pipeline (${run.name}) failed: ${log.trim().split('\n').at(-1)}`)
  const found = /speakers: (\d+) found in ([\d.]+) s/.exec(log)
  return {
    wallSeconds: (performance.now() - started) / 1000,
    peakTreeRssMb: peakKb / 1024,
    diarizeSeconds: found ? Number(found[2]) : null,
    speakersFound: found ? Number(found[1]) : null
  }
}

function shortResults(without: Measured, withSpeakers: Measured): BenchResult[] {
  const minutes = SECONDS / 60
  const diarize = (withSpeakers.diarizeSeconds ?? NaN) / minutes
  const transcribe = without.wallSeconds / minutes
  const memory = withSpeakers.peakTreeRssMb / without.peakTreeRssMb
  return [
    {
      name: `diarization per minute of audio (${lengthLabel(SECONDS)} file)`,
      value: diarize,
      unit: 's/min',
      baseline: transcribe,
      ratio: diarize / transcribe,
      notes: `baseline: pocketsphinx transcription of the same file, s/min (wall); ratio = diarize / transcribe; ${withSpeakers.speakersFound} speakers found`
    },
    {
      name: `peak tree RSS with / without speakers (${lengthLabel(SECONDS)} file, pocketsphinx)`,
      value: withSpeakers.peakTreeRssMb,
      unit: 'MB',
      baseline: without.peakTreeRssMb,
      ratio: memory,
      notes: 'ratio = with / without (smaller is better)'
    }
  ]
}

function longResults(without: Measured, withSpeakers: Measured, shortDiarize: number) {
  const memory = withSpeakers.peakTreeRssMb / without.peakTreeRssMb
  const diarize = (withSpeakers.diarizeSeconds ?? NaN) / (LONG_SECONDS / 60)
  const results: BenchResult[] = [
    {
      name: `peak tree RSS with / without speakers (${lengthLabel(LONG_SECONDS)} file, words from loopback)`,
      value: withSpeakers.peakTreeRssMb,
      unit: 'MB',
      baseline: without.peakTreeRssMb,
      ratio: memory,
      target: '≤ 1.3×',
      pass: memory <= 1.3,
      notes: `ratio = with / without; wall ${without.wallSeconds.toFixed(0)} s / ${withSpeakers.wallSeconds.toFixed(0)} s`
    },
    {
      name: `diarization per minute of audio (${lengthLabel(LONG_SECONDS)} file)`,
      value: diarize,
      unit: 's/min',
      baseline: shortDiarize,
      ratio: diarize / shortDiarize,
      notes: `baseline: the ${lengthLabel(SECONDS)} file's; ${withSpeakers.speakersFound} speakers found (the recording looped: 2)`
    }
  ]
  return results
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-bench-speakers-'))
  const server = await startFixedWordsServer(CHUNK_WORDS)
  try {
    const models = makeSpeakerModels(join(dir, 'models'))
    const short = twoVoiceRecording(dir, SECONDS).path
    const long = join(dir, 'long.wav')
    execFileSync('ffmpeg', ['-v', 'error', '-stream_loop', '-1', '-i', short, '-t', String(LONG_SECONDS), '-c', 'copy', long]) // prettier-ignore
    const shortWithout = await runOnce(dir, models, {
      name: 'short',
      input: short,
      speakers: false
    })
    const shortWith = await runOnce(dir, models, { name: 'short+', input: short, speakers: true })
    const endpoint = server.url
    const longWithout = await runOnce(dir, models, { name: 'long', input: long, speakers: false, endpoint }) // prettier-ignore
    const longWith = await runOnce(dir, models, { name: 'long+', input: long, speakers: true, endpoint }) // prettier-ignore
    const shortDiarize = (shortWith.diarizeSeconds ?? NaN) / (SECONDS / 60)
    return [
      ...shortResults(shortWithout, shortWith),
      ...longResults(longWithout, longWith, shortDiarize)
    ]
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
