// Hours-long files with flat memory (issue 13, item 4). A long recording (default 3 h; set
// LONG_FILE_MINUTES, e.g. 20 for a quick check) and a 5-minute one are built at bench time from
// the same material: Debian's LibriVox clips interleaved with espeak-ng sentences, looped and
// encoded as a 64 kbit/s MP3 (what a podcast download looks like). Each is transcribed with the
// default settings by the built pipeline, run as the ProcessManager runs it (fd-3 events,
// stdout/stderr = the job log, a work folder for checkpoints). Reports, long against 5 minutes:
//  - peak tree RSS (pipeline + ffmpeg + engine workers, sampled from /proc), target ≤ 1.2×;
//  - peak temporary disk (scratch + work folder), against the decoded PCM + one chunk per process;
//  - the longest gap between progress events, and the ETA's error once 10 % is done;
//  - the job log's line count against the number of chunks (a line per chunk, not per frame).
// Memory, disk and counts do not depend on the machine's load; the wall times do.
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import type { PipelineEvent, PipelineSpec } from '@shared/pipelineProtocol'
import { pipelineLaunch } from '../src/main/core/process/pipelineLaunch'
import { makeSpec } from '../tests/support/pipelineSpec'
import { librivoxClips } from '../tests/support/speech'
import { treeRssKb } from './support/treeRss'
import type { BenchResult } from './types'

const LONG_MINUTES = Number(process.env.LONG_FILE_MINUTES ?? 180)
const SHORT_MINUTES = 5
const SAMPLE_EVERY_MS = 250
const PCM_BYTES_PER_SECOND = 32_000

/** Sentences espeak-ng speaks between the LibriVox clips (a second voice, other words). */
const SENTENCES = [
  'The committee will meet again on Thursday to discuss the budget for next year.',
  'Please remember to bring your notes, since we will review every chapter in detail.',
  'After the storm, the river rose quickly and flooded the fields along the valley.',
  'Our guest today has written three books about the history of the northern railway.'
]

interface Measured {
  audioSeconds: number
  wallSeconds: number
  peakTreeRssMb: number
  peakTempMb: number
  /** Spawn → first progress event (probe, decode, cut plan). */
  firstProgressSeconds: number
  /** Longest time between two progress events after the first. */
  longestProgressGapSeconds: number
  /** Worst |predicted end − actual end| once 10 % was done, as a fraction of the run. */
  worstEtaError: number
  logLines: number
  chunks: number
}

/** Bytes under `dir` (files only; one level of subfolders is all the pipeline makes). */
function bytesUnder(dir: string): number {
  let total = 0
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return 0
  }
  for (const name of entries) {
    try {
      const s = statSync(join(dir, name))
      total += s.isDirectory() ? bytesUnder(join(dir, name)) : s.size
    } catch {
      // Deleted while we looked: that is the point.
    }
  }
  return total
}

/** One loop of material: each LibriVox clip followed by an espeak-ng sentence, 16 kHz mono. */
function buildBlock(dir: string): string {
  const parts: string[] = []
  librivoxClips().forEach((clip, i) => {
    const spoken = join(dir, `espeak-${i}.wav`)
    const raw = join(dir, `espeak-${i}-raw.wav`)
    execFileSync('espeak-ng', [
      '-v',
      'en-us',
      '-s',
      '150',
      '-w',
      raw,
      SENTENCES[i % SENTENCES.length]
    ])
    execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', spoken, 'pad', '0.4', '0.6'])
    parts.push(clip, spoken)
  })
  const block = join(dir, 'block.wav')
  execFileSync('sox', [...parts, block])
  return block
}

/** `minutes` of the block, looped, as a mono 64 kbit/s MP3. */
function buildRecording(block: string, minutes: number, out: string): string {
  execFileSync('ffmpeg', [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
    '-stream_loop', '-1', '-i', block, '-t', String(minutes * 60),
    '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '64k', out
  ]) // prettier-ignore
  return out
}

/** Longest time between two consecutive moments. */
function longestGapIn(times: number[]): number {
  let longest = 0
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1])
  return longest
}

function eventOf(line: string): PipelineEvent | null {
  try {
    return JSON.parse(line) as PipelineEvent
  } catch {
    return null
  }
}

async function transcribe(spec: PipelineSpec, audioSeconds: number): Promise<Measured> {
  const launch = pipelineLaunch(spec)
  const started = performance.now()
  const now = (): number => (performance.now() - started) / 1000
  const child = spawn(
    launch.command,
    launch.args.filter((a) => a !== '--supervised'),
    { env: launch.env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] }
  )
  let logLines = 0
  const lastLines: string[] = []
  for (const stream of [child.stdio[1], child.stdio[2]] as Readable[]) {
    createInterface({ input: stream }).on('line', (line) => {
      logLines++
      lastLines.push(line)
      if (lastLines.length > 5) lastLines.shift()
    })
  }
  const progressAt: number[] = []
  const etas: { at: number; fraction: number; eta: number }[] = []
  let chunks = 0
  createInterface({ input: child.stdio[3] as Readable }).on('line', (line) => {
    const event = eventOf(line)
    if (event?.type !== 'progress') return
    const at = now()
    progressAt.push(at)
    chunks = event.chunksTotal
    if (event.etaSeconds !== null)
      etas.push({ at, fraction: event.fraction, eta: event.etaSeconds })
  })
  let peakKb = 0
  let peakTempBytes = 0
  let lastSaid = 0
  const sampler = setInterval(() => {
    if (child.pid) peakKb = Math.max(peakKb, treeRssKb(child.pid))
    const temp = bytesUnder(spec.tempDir) + (spec.workDir ? bytesUnder(spec.workDir) : 0)
    peakTempBytes = Math.max(peakTempBytes, temp)
    // Figures so far, once a minute: an hours-long run cut short still says what it saw.
    if (now() - lastSaid >= 60) {
      lastSaid = now()
      const soFar = {
        atSeconds: Math.round(lastSaid),
        progressEvents: progressAt.length,
        longestGapSeconds: Math.round(longestGapIn(progressAt) * 10) / 10,
        chunks,
        peakTreeRssMb: Math.round(peakKb / 102.4) / 10,
        peakTempMb: Math.round(peakTempBytes / 1e5) / 10,
        logLines
      }
      process.stderr.write(`[longFile] ${audioSeconds / 60} min so far: ${JSON.stringify(soFar)}\n`)
    }
  }, SAMPLE_EVERY_MS)
  const code = await new Promise<number | null>((done) => child.on('close', done))
  clearInterval(sampler)
  const wallSeconds = now()
  if (code !== 0) throw new Error(`pipeline failed (${code}): ${lastLines.join(' | ')}`)
  const longestGap = longestGapIn(progressAt)
  const worstEtaError = etas
    .filter((e) => e.fraction >= 0.1)
    .reduce((worst, e) => Math.max(worst, Math.abs(e.at + e.eta - wallSeconds) / wallSeconds), 0)
  const measured: Measured = {
    audioSeconds,
    wallSeconds,
    peakTreeRssMb: peakKb / 1024,
    peakTempMb: peakTempBytes / 1e6,
    firstProgressSeconds: progressAt[0] ?? NaN,
    longestProgressGapSeconds: longestGap,
    worstEtaError,
    logLines,
    chunks
  }
  // Said at once: a run of hours is not lost if something later fails.
  process.stderr.write(`[longFile] ${audioSeconds / 60} min: ${JSON.stringify(measured)}\n`)
  return measured
}

function specFor(dir: string, input: string, name: string): PipelineSpec {
  return makeSpec(dir, input, {
    outputDir: join(dir, `out-${name}`),
    tempDir: join(dir, `tmp-${name}`),
    workDir: join(dir, `work-${name}`),
    formats: ['txt', 'srt', 'vtt', 'json']
  })
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-bench-longfile-'))
  try {
    const material = join(dir, 'material')
    mkdirSync(material)
    const block = buildBlock(material)
    const short = buildRecording(block, SHORT_MINUTES, join(dir, 'five-minutes.mp3'))
    const long = buildRecording(block, LONG_MINUTES, join(dir, 'long.mp3'))
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
    const spec = makeSpec(dir, short)
    const s = await transcribe(specFor(dir, short, 'short'), SHORT_MINUTES * 60)
    const l = await transcribe(specFor(dir, long, 'long'), LONG_MINUTES * 60)
    const setup =
      `${LONG_MINUTES} min vs ${SHORT_MINUTES} min (LibriVox + espeak-ng, MP3), pocketsphinx ×${spec.processes}, ` +
      `${spec.chunkSeconds} s chunks (defaults); load avg at start ${load}`
    // Bounded: the one decoded PCM file, plus a chunk WAV per running process, plus checkpoints.
    const pcmMb = (l.audioSeconds * PCM_BYTES_PER_SECOND) / 1e6
    const chunkWavMb = (spec.processes * spec.chunkSeconds * PCM_BYTES_PER_SECOND) / 1e6
    const rssRatio = l.peakTreeRssMb / s.peakTreeRssMb
    return [
      {
        name: `peak tree RSS, ${LONG_MINUTES} min (baseline: ${SHORT_MINUTES} min)`,
        value: l.peakTreeRssMb,
        unit: 'MB',
        baseline: s.peakTreeRssMb,
        ratio: rssRatio,
        target: '≤ 1.2× the 5-minute file',
        pass: rssRatio <= 1.2,
        notes: `${setup}; pipeline + ffmpeg + workers, sampled every ${SAMPLE_EVERY_MS} ms (ratio: lower is better)`
      },
      {
        name: `peak temporary disk, ${LONG_MINUTES} min (baseline: decoded PCM + a chunk per process)`,
        value: l.peakTempMb,
        unit: 'MB',
        baseline: pcmMb + chunkWavMb,
        ratio: l.peakTempMb / (pcmMb + chunkWavMb),
        target: '≤ decoded PCM + a chunk per process + 5 MB',
        pass: l.peakTempMb <= pcmMb + chunkWavMb + 5,
        notes: `scratch + work folder; ${SHORT_MINUTES} min: ${s.peakTempMb.toFixed(1)} MB`
      },
      {
        name: `longest gap between progress events, ${LONG_MINUTES} min (baseline: ${SHORT_MINUTES} min)`,
        value: l.longestProgressGapSeconds,
        unit: 's',
        baseline: s.longestProgressGapSeconds,
        notes:
          `after the first event; before it (probe, decode, cut plan): ${l.firstProgressSeconds.toFixed(1)} s ` +
          `vs ${s.firstProgressSeconds.toFixed(1)} s; depends on load`
      },
      {
        name: `worst ETA error once 10 % done, ${LONG_MINUTES} min (baseline: ${SHORT_MINUTES} min)`,
        value: l.worstEtaError * 100,
        unit: '% of the run',
        baseline: s.worstEtaError * 100,
        notes: '|now + ETA − actual end| / run time; depends on load changes during the run'
      },
      {
        name: `job log lines, ${LONG_MINUTES} min (baseline: chunks)`,
        value: l.logLines,
        unit: 'lines',
        baseline: l.chunks,
        ratio: l.logLines / l.chunks,
        target: 'a line per chunk (+ a few), not per frame',
        pass: l.logLines <= l.chunks + 20,
        notes: `${SHORT_MINUTES} min: ${s.logLines} lines for ${s.chunks} chunks`
      },
      {
        name: `wall time, ${LONG_MINUTES} min (baseline: ${SHORT_MINUTES} min)`,
        value: l.wallSeconds,
        unit: 's',
        baseline: s.wallSeconds,
        notes: `real-time factor ${(l.wallSeconds / l.audioSeconds).toFixed(3)} vs ${(s.wallSeconds / s.audioSeconds).toFixed(3)}; depends on load`
      }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
