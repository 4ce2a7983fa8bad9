// Live transcription's targets, through the service the app and `transcriptor record` use: audio
// is appended to a recording as a microphone would deliver it, and the recording's pipeline
// (pocketsphinx, the live chunk cutter) transcribes it as it grows.
// (1) Latency: LibriVox speech appended in real time, 100 ms frames; for each word, the time from
//     the moment its end was "spoken" to the moment its chunk's words arrived (the `job.words`
//     event the pages show). Target: p95 <= the longest live chunk + 2 s; the baseline beside it
//     is that bound itself, and p50 shows how far under it a word usually is.
// (2) Memory: 30 minutes of audio appended at 20x real time; this process (the host's role: the
//     service, the recording file) and the pipeline's process, resident memory at minute 5 of
//     audio against the end. Target: each grows <= 20 MB. At 20x the engine falls behind the
//     audio: the chunks waiting for it are on disk, not in the pipeline's memory
//     (pipeline/liveRecording.ts). The whole tree is in the notes (the engine's own process
//     changes size from chunk to chunk).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createTranscriptionService } from '../src/main/core/service/transcriptionService'
import type { ActiveRecording } from '../src/main/core/service/liveRecordings'
import { LIVE_CUT_DEFAULTS } from '../src/main/pipeline/liveCuts'
import { joinedSpeech } from '../tests/support/speech'
import type { BenchResult } from './types'

const CLIENT = { clientId: 'live-bench' }
const BYTES_PER_SECOND = 32_000 // 16 kHz mono s16le
const FRAME_SECONDS = 0.1

const OPTIONS = {
  engine: 'pocketsphinx' as const,
  model: '',
  processes: 1,
  workers: 1,
  formats: ['txt' as const]
}

/** The PCM samples of a 16-bit mono WAV (its data chunk), as the capture would deliver them. */
function pcmOf(path: string): Buffer {
  const wav = readFileSync(path)
  let at = 12
  while (at + 8 <= wav.length) {
    const size = wav.readUInt32LE(at + 4)
    if (wav.toString('ascii', at, at + 4) === 'data') return wav.subarray(at + 8, at + 8 + size)
    at += 8 + size + (size % 2)
  }
  throw new Error(`${path}: no data chunk`)
}

/**
 * Appends `pcm` in 100 ms frames, `speed` times faster than real time, each frame at its own
 * deadline (not after a fixed pause, so a slow append does not push every later frame back).
 * `onFrame` runs after each append with the seconds of audio appended so far.
 */
async function play(
  recording: ActiveRecording,
  pcm: Buffer,
  speed: number,
  onFrame: (seconds: number) => void = () => undefined
): Promise<number> {
  const frame = Math.round(BYTES_PER_SECOND * FRAME_SECONDS)
  const t0 = performance.now()
  for (let at = 0, i = 1; at < pcm.length; at += frame, i++) {
    if (!recording.append(pcm.subarray(at, at + frame))) throw new Error('the recording stopped')
    onFrame(Math.min(pcm.length, at + frame) / BYTES_PER_SECOND)
    const due = t0 + (i * FRAME_SECONDS * 1000) / speed
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
  }
  return t0
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** Resident memory (MB) of the processes whose group is `pgid`: the pipeline's tree, or its leader alone. */
function treeRssMb(pgid: number, leaderOnly = false): number {
  let kb = 0
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    if (leaderOnly && Number(entry) !== pgid) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
      if (group !== pgid) continue
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))
      kb += rss ? Number(rss[1]) : 0
    } catch {
      // The process ended while we looked.
    }
  }
  return kb / 1024
}

async function latency(dir: string, speech: Buffer): Promise<BenchResult> {
  const service = createTranscriptionService({ dataDir: join(dir, 'latency') })
  await service.start()
  try {
    const recording = service.startRecording({ ownerId: CLIENT.clientId, options: OPTIONS })
    const lags: number[] = []
    let t0 = 0
    const off = service.on('job.words', (chunk) => {
      if (chunk.jobId !== recording.jobId || t0 === 0) return
      const now = performance.now()
      for (const w of chunk.words) lags.push((now - (t0 + w.end * 1000)) / 1000)
    })
    t0 = performance.now()
    await play(recording, speech, 1)
    recording.stop()
    const [job] = await service.waitForJobs([recording.jobId])
    off()
    if (job.status !== 'completed') throw new Error(`the recording ended ${job.status}`)
    const sorted = [...lags].sort((a, b) => a - b)
    const p50 = percentile(sorted, 50)
    const p95 = percentile(sorted, 95)
    const bound = LIVE_CUT_DEFAULTS.maxSeconds + 2
    return {
      name: `live latency, word spoken → shown (${(speech.length / BYTES_PER_SECOND).toFixed(0)} s of LibriVox in real time, pocketsphinx)`,
      value: Math.round(p95 * 100) / 100,
      unit: 's (p95)',
      baseline: bound,
      ratio: p95 / bound,
      target: `p95 ≤ longest live chunk (${LIVE_CUT_DEFAULTS.maxSeconds} s) + 2 s`,
      pass: p95 <= bound,
      notes: `p50 ${p50.toFixed(2)} s, p95 ${p95.toFixed(2)} s, max ${sorted[sorted.length - 1].toFixed(2)} s over ${sorted.length} words`
    }
  } finally {
    await service.shutdown('bench over')
  }
}

interface Rss {
  host: number
  pipeline: number
  tree: number
}

async function memory(dir: string, speech: Buffer): Promise<BenchResult[]> {
  const service = createTranscriptionService({ dataDir: join(dir, 'memory') })
  await service.start()
  const minutes = 30
  const speed = 20
  const repeats = Math.ceil((minutes * 60 * BYTES_PER_SECOND) / speech.length)
  const audio = Buffer.concat(Array.from({ length: repeats }, () => speech)).subarray(
    0,
    minutes * 60 * BYTES_PER_SECOND
  )
  try {
    const recording = service.startRecording({ ownerId: CLIENT.clientId, options: OPTIONS })
    const pgid = service.handlers['jobs.get']
    const rss = (): Promise<Rss> =>
      pgid({ id: recording.jobId }, CLIENT).then((row) => ({
        host: process.memoryUsage().rss / 1024 / 1024,
        pipeline: row?.process_group_id ? treeRssMb(row.process_group_id, true) : 0,
        tree: row?.process_group_id ? treeRssMb(row.process_group_id) : 0
      }))
    let atFive: Promise<Rss> | null = null
    await play(recording, audio, speed, (seconds) => {
      if (!atFive && seconds >= 5 * 60) atFive = rss()
    })
    const end = await rss()
    const five = await (atFive ?? rss())
    // Measured: the transcription still behind the 20x audio is not waited for.
    recording.stop()
    await service.handlers['jobs.stop']({ id: recording.jobId }, CLIENT)
    const notes = `host RSS ${five.host.toFixed(0)} → ${end.host.toFixed(0)} MB; pipeline ${five.pipeline.toFixed(0)} → ${end.pipeline.toFixed(0)} MB; pipeline tree ${five.tree.toFixed(0)} → ${end.tree.toFixed(0)} MB`
    return (['host', 'pipeline'] as const).map((part) => {
      const growth = end[part] - five[part]
      return {
        name: `live recording memory, ${part}, minute 5 → ${minutes} (${speed}× real time, pocketsphinx)`,
        value: Math.round(growth * 10) / 10,
        unit: `MB ${part} growth`,
        baseline: 20,
        ratio: growth / 20,
        target: `${part} RSS grows ≤ 20 MB from minute 5 to the end`,
        pass: growth <= 20,
        notes
      }
    })
  } finally {
    await service.shutdown('bench over')
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-bench-live-'))
  // The service's own handles are unref'd (an app quits while jobs wait): without one of its
  // own, this process would end while it waits for a job.
  const alive = setInterval(() => undefined, 1_000)
  try {
    const speech = pcmOf(joinedSpeech(dir, 2, 'speech.wav'))
    return [await latency(dir, speech), ...(await memory(dir, speech))]
  } finally {
    clearInterval(alive)
    rmSync(dir, { recursive: true, force: true })
  }
}
