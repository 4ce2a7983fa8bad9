// The pipeline's live mode: it follows a recording the host is still writing, closes a chunk at
// each pause the speech detector finds (or at a maximum length), transcribes it with the job's
// engine as soon as it closes and sends its words (`chunkWords`, like a file job's chunks). When
// the host ends the recording, the rest becomes the last chunk and the transcript is written like
// any other job's, so a recording ends as an ordinary finished job.
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Transcript } from '@shared/transcript'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { oneLineError } from '@shared/errors'
import { SAMPLE_RATE, wavHeader } from '../media/decode'
import type { EventSink, Log } from './events'
import { mergeChunkWords, type ChunkWords } from './merge'
import { groupSegments } from './segments'
import { checkedTranscript, fitWords } from './transcriptBounds'
import { ensureOutputDir, writeOutputs } from './writeOutputs'
import { chunkOptions } from './chunkOptions'
import { startEngine, type PipelineRun } from './runPipeline'
import { GrowingWav } from './growingWav'
import { LIVE_CUT_DEFAULTS, nextLiveCut } from './liveCuts'
import { openLiveSpeechDetector } from './liveSpeechDetector'
import type { SpeechDetector } from './speechDetector'
import type { EngineWorkerPool } from './engineWorkers'

/** How often the growing file is looked at (a word shows at most this much later). */
const POLL_MS = 250

interface LiveContext {
  spec: PipelineSpec
  emit: EventSink
  log: Log
  workers: EngineWorkerPool
  signal: AbortSignal
  results: ChunkWords[]
}

export const runLiveRecording: PipelineRun = async (spec, emit, log, signal, early) => {
  const { engine, detail, workers } = await startEngine(spec, log, signal, early)
  const detector = await openLiveSpeechDetector(spec, log)
  const c: LiveContext = { spec, emit, log, workers, signal, results: [] }
  try {
    await ensureOutputDir(spec.outputDir)
    await mkdir(spec.tempDir, { recursive: true })
    emit({ type: 'engine', name: engine.name, detail, processes: 1, workers: spec.workers })
    log(`live: following ${spec.inputPath} (${engine.name}, ${detector.name} speech detector)`)
    const seconds = await followRecording(c, detector)
    await finishLive(c, seconds)
  } finally {
    workers.close()
    await detector.close()
  }
}

/** Chunks closed and transcribed until the host ends the recording; returns its length. */
async function followRecording(
  c: LiveContext,
  detector: SpeechDetector & { hear?: (samples: Int16Array) => void }
): Promise<number> {
  const file = new GrowingWav(c.spec.inputPath)
  let pending: Int16Array = new Int16Array(0)
  let pendingStart = 0
  let transcribing: Promise<void> = Promise.resolve()
  for (;;) {
    c.signal.throwIfAborted()
    const ended = await file.ended()
    const fresh = await file.readNew()
    detector.hear?.(fresh)
    pending = concat(pending, fresh)
    for (;;) {
      const stretches = await detector.detect(toFloat(pending))
      const cut = nextLiveCut(pending.length / SAMPLE_RATE, stretches, ended, LIVE_CUT_DEFAULTS)
      if (!cut) break
      const take = Math.min(pending.length, Math.max(1, Math.round(cut.at * SAMPLE_RATE)))
      const samples = pending.slice(0, take)
      const start = pendingStart
      const index = c.results.length
      const chunk = { index, start, end: start + take / SAMPLE_RATE }
      // The engine takes the chunks one after another, in order: words show in the order spoken.
      const result: ChunkWords = {
        chunk: { ...chunk, ownStart: -Infinity, ownEnd: Infinity },
        words: []
      }
      c.results.push(result)
      // On disk at once: chunks waiting for a slower engine must not pile up in memory.
      const wav = cut.silent ? null : writeChunkWav(c.spec.tempDir, index, samples)
      transcribing = transcribing.then(() => transcribeChunk(c, result, wav))
      pending = pending.slice(take)
      pendingStart += take / SAMPLE_RATE
      if (pending.length === 0) break
    }
    if (ended) break
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  await transcribing
  return file.seconds
}

/**
 * A closed chunk's audio as a WAV in the job's temp dir; its path. The chunk waits there, not in
 * memory, while the engine is busy with earlier ones: when the engine is slower than the speech
 * (a large whisper model on a laptop), the waiting audio would otherwise grow with the meeting.
 */
function writeChunkWav(tempDir: string, index: number, samples: Int16Array): Promise<string> {
  const path = join(tempDir, `live_${String(index).padStart(5, '0')}.wav`)
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)
  const written = writeFile(path, Buffer.concat([wavHeader(data.length), data])).then(() => path)
  // Awaited in its turn (transcribeChunk), where a failure fails the job; not unhandled before.
  written.catch(() => undefined)
  return written
}

/** One closed chunk through the engine; its words go out at once. A failed chunk is a warning. */
async function transcribeChunk(
  c: LiveContext,
  result: ChunkWords,
  wav: Promise<string> | null
): Promise<void> {
  const { spec, emit, log, signal } = c
  const { chunk } = result
  const span = `${chunk.start.toFixed(1)}–${chunk.end.toFixed(1)} s`
  if (wav) {
    const wavPath = await wav
    try {
      result.words = fitWords(await c.workers.transcribe(wavPath, chunkOptions(spec, signal)))
    } catch (error) {
      signal.throwIfAborted()
      const message = `chunk ${span} could not be transcribed: ${oneLineError(error)}`
      emit({ type: 'warning', message })
      log(`warning: ${message}`)
    } finally {
      await rm(wavPath, { force: true })
    }
  }
  emit({
    type: 'chunkWords',
    index: chunk.index,
    chunksTotal: chunk.index + 1,
    start: chunk.start,
    end: chunk.end,
    words: mergeChunkWords([result])
  })
  log(`live chunk ${chunk.index + 1} (${span}): ${result.words.length} word(s)`)
}

/** The recording has ended: its transcript, written like a file job's. */
async function finishLive(c: LiveContext, seconds: number): Promise<void> {
  const { spec, emit, log } = c
  emit({ type: 'probe', durationSeconds: seconds, codec: 'pcm_s16le' })
  const words = fitWords(mergeChunkWords(c.results))
  const transcript: Transcript = checkedTranscript({
    durationSeconds: seconds,
    segments: groupSegments(words),
    language: spec.engine === 'whisper' ? (spec.language ?? 'auto') : 'en',
    task: spec.translate ? 'translate' : 'transcribe'
  })
  const outputs = await writeOutputs(transcript, spec.formats, spec.outputDir, spec.outputBaseName)
  emit({ type: 'done', outputs, wordCount: words.length })
  log(`done: ${seconds.toFixed(2)} s recorded, ${words.length} word(s)`)
}

function concat(a: Int16Array, b: Int16Array): Int16Array {
  if (b.length === 0) return a
  if (a.length === 0) return b
  const out = new Int16Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

function toFloat(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length)
  for (let i = 0; i < samples.length; i++) out[i] = samples[i] / 32768
  return out
}
