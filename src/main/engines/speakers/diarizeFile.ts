// Speakers over a whole file, a window at a time: sherpa-onnx's OfflineSpeakerDiarization finds
// each window's voices; each voice's centroid embedding (SpeakerEmbeddingExtractor over its
// speech) links it to the file's speakers (speakerLinks.ts). Memory is one window of samples plus
// sherpa's own, whatever the file's length: the file is read a second at a time into the window,
// and each window's native objects are released before the next. Runs only inside the speaker
// worker process.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { collectGarbage } from './collectGarbage'
import type { DiarizeReply, DiarizeRequest, SpeakerTurn } from './protocol'
import type { DiarizationSegment, SherpaOnnx, SpeakerEmbeddingExtractor } from './sherpaBinding'
import { SpeakerLinks } from './speakerLinks'

const SAMPLE_RATE = 16000
/** A voice's embedding is taken from at most this much of its speech in a window. */
const EMBEDDING_SECONDS = 60
/** Shorter pauses inside one speaker's speech are bridged (sherpa's default 0.5 s would also
 *  bridge the pause between two turns, giving the next speaker's silence to the first). */
const MIN_DURATION_OFF = 0.3
const MIN_DURATION_ON = 0.3

/** Samples are read from the file this many at a time (one second), straight into the window. */
const READ_SAMPLES = SAMPLE_RATE

/** One window's samples, allocated once: a new array per window would leave the old one (38 MB
 *  for 10 minutes) to the garbage collector, which let a long file's worker grow. */
interface WindowBuffers {
  block: Buffer
  samples: Float32Array
}

function readWindow(fd: number, firstSample: number, count: number, into: WindowBuffers) {
  let filled = 0
  while (filled < count) {
    const want = Math.min(READ_SAMPLES, count - filled) * 2
    const read = readSync(fd, into.block, 0, want, (firstSample + filled) * 2)
    const got = Math.floor(read / 2)
    for (let i = 0; i < got; i++) into.samples[filled + i] = into.block.readInt16LE(i * 2) / 32768
    filled += got
    if (read < want) break
  }
  return into.samples.subarray(0, filled)
}

function embed(
  extractor: SpeakerEmbeddingExtractor,
  samples: Float32Array,
  segments: DiarizationSegment[]
): Float32Array | null {
  const parts: Float32Array[] = []
  let left = EMBEDDING_SECONDS * SAMPLE_RATE
  for (const s of segments) {
    if (left <= 0) break
    const from = Math.max(0, Math.floor(s.start * SAMPLE_RATE))
    const to = Math.min(samples.length, Math.ceil(s.end * SAMPLE_RATE), from + left)
    if (to > from) parts.push(samples.subarray(from, to))
    left -= Math.max(0, to - from)
  }
  const stream = extractor.createStream()
  for (const part of parts) stream.acceptWaveform({ samples: part, sampleRate: SAMPLE_RATE })
  stream.inputFinished()
  if (!extractor.isReady(stream)) return null
  return Float32Array.from(extractor.compute(stream, false))
}

function groupBySpeaker(segments: DiarizationSegment[]): Map<number, DiarizationSegment[]> {
  const groups = new Map<number, DiarizationSegment[]>()
  for (const s of segments) groups.set(s.speaker, [...(groups.get(s.speaker) ?? []), s])
  return groups
}

type Result = Extract<DiarizeReply, { type: 'result' }>

function finalSpeakers(turns: SpeakerTurn[], links: SpeakerLinks, fixed: number | null): Result {
  const owner = fixed !== null && links.count > fixed ? links.mergeDownTo(fixed) : null
  const merged = owner ? turns.map((t) => ({ ...t, speaker: owner[t.speaker] })) : turns
  const seconds = new Map<number, number>()
  for (const t of merged) seconds.set(t.speaker, (seconds.get(t.speaker) ?? 0) + t.end - t.start)
  const speakers = [...seconds].map(([speaker, s]) => ({
    speaker,
    seconds: s,
    embedding: Array.from(links.centroid(speaker))
  }))
  merged.sort((a, b) => a.start - b.start || a.end - b.end)
  return { type: 'result', turns: merged, speakers }
}

/** The models, loaded once for every window. */
function loadModels(sherpa: SherpaOnnx, request: DiarizeRequest, windows: number) {
  const threads = request.threads
  const diarizer = new sherpa.OfflineSpeakerDiarization({
    segmentation: {
      pyannote: { model: request.segmentationModel },
      numThreads: threads,
      debug: 0
    },
    embedding: { model: request.embeddingModel, numThreads: threads, debug: 0 },
    // One window: sherpa clusters to the count asked; in windows, speakerLinks merges after.
    clustering: {
      numClusters: windows === 1 && request.speakers ? request.speakers : -1,
      threshold: request.threshold
    },
    minDurationOn: MIN_DURATION_ON,
    minDurationOff: MIN_DURATION_OFF
  })
  const extractor = new sherpa.SpeakerEmbeddingExtractor({
    model: request.embeddingModel,
    numThreads: threads,
    debug: 0
  })
  const links = new SpeakerLinks(
    new sherpa.SpeakerEmbeddingManager(extractor.dim),
    request.threshold
  )
  return { diarizer, extractor, links }
}

/**
 * sherpa frees an embedding stream's native memory (the speech it was given and its features:
 * some 6 MB per minute) only in the finalizer of its JS object, which Node runs after a garbage
 * collection, on a later turn of the event loop. The worker's JS heap is small and seldom
 * collected, so each window's streams stayed (about 4 MB more per window): a collection and one
 * turn release them.
 */
async function releaseNativeMemory(): Promise<void> {
  collectGarbage()
  await new Promise((resolve) => setImmediate(resolve))
}

export async function diarizeFile(
  sherpa: SherpaOnnx,
  request: DiarizeRequest,
  reply: (message: DiarizeReply) => void
): Promise<void> {
  const fd = openSync(request.pcmPath, 'r')
  try {
    const totalSamples = Math.floor(fstatSync(fd).size / 2)
    const windowSamples = Math.max(SAMPLE_RATE, Math.round(request.windowSeconds * SAMPLE_RATE))
    const windows = Math.max(1, Math.ceil(totalSamples / windowSamples))
    const started = Date.now()
    const { diarizer, extractor, links } = loadModels(sherpa, request, windows)
    reply({ type: 'ready', loadMs: Date.now() - started })
    const turns: SpeakerTurn[] = []
    const size = Math.min(windowSamples, totalSamples)
    const buffers = { block: Buffer.alloc(READ_SAMPLES * 2), samples: new Float32Array(size) }
    for (let w = 0; w < windows; w++) {
      const first = w * windowSamples
      const samples = readWindow(fd, first, Math.min(windowSamples, totalSamples - first), buffers)
      const offset = first / SAMPLE_RATE
      for (const [, segments] of groupBySpeaker(diarizer.process(samples))) {
        const seconds = segments.reduce((sum, s) => sum + s.end - s.start, 0)
        const speaker = links.link(embed(extractor, samples, segments), seconds, windows > 1)
        for (const s of segments)
          turns.push({ start: s.start + offset, end: s.end + offset, speaker })
      }
      await releaseNativeMemory()
      reply({ type: 'progress', fraction: (w + 1) / windows })
    }
    reply(finalSpeakers(turns, links, request.speakers))
  } finally {
    closeSync(fd)
  }
}
