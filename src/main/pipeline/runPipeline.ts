// One transcription, start to finish: probe → decode → cut → engine on chunks (≤ processes at
// once) → merge → write outputs. Every failure surfaces as a PipelineFailure with one line a user
// understands; cancellation (the signal) kills every subprocess through the same signal.
import { mkdir } from 'node:fs/promises'
import { basename } from 'node:path'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { clockText } from '@shared/clockText'
import { ENDPOINT_ENGINE } from '@shared/domain'
import { locateMediaTools, type MediaTools } from '../media/ffmpeg'
import { BadInputError, probeMedia, type MediaProbe } from '../media/mediaProbe'
import { getEngine } from '../engines/registry'
import { EngineUnavailableError, type Engine } from '../engines/types'
import { ENDPOINT_SETUP_HINT } from '../engines/endpointEngine'
import { decodeToPcm, type DecodedAudio } from '../media/decode'
import { copyPlainWav, readPlainWav } from '../media/plainWav'
import { prepareChunks, type PreparedChunks } from './preparedChunks'
import type { EventSink, Log } from './events'
import type { ChunkWords } from './merge'
import { EngineWorkerPool } from './engineWorkers'
import { runChunkPool } from './chunkPool'
import { takeEndpointKeys } from './endpointKeys'
import { ensureOutputDir } from './writeOutputs'
import { checkWorkSpace } from './workSpace'
import { threadsPerProcess } from './threadsPerProcess'
import { wantsSpeakers } from './speakerStep'
import { jobSpeakers, speakersFromEndpoint } from './speakerSource'
import { passageWithin } from './passage'
import { ChunkRun } from './chunkRun'
import { PreparationProgress } from './chunkProgress'
import { finishTranscript } from './finishTranscript'
import type { EarlyWorker } from './earlyWorker'

/**
 * One run of the pipeline subprocess, a file's (this one) or a live recording's: its PipelineSpec,
 * where its events and log lines go, the signal that stops it, and the early worker (or none).
 */
export type PipelineRun = (
  spec: PipelineSpec,
  emit: EventSink,
  log: Log,
  signal: AbortSignal,
  early?: EarlyWorker
) => Promise<void>

export const runPipeline: PipelineRun = async (spec, emit, log, signal, early) => {
  const tools = locateMediaTools()
  const keys = takeEndpointKeys()
  // The model loads while the input is probed, decoded and planned: the first chunk finds it.
  const { engine, detail, workers } = await startEngine(spec, log, signal, early)
  const { probe, decoded, prepared } = await prepareInput(spec, tools, emit, log, signal).catch(
    (error: unknown) => {
      workers.close()
      throw error
    }
  )
  const { chunks } = prepared
  emit({
    type: 'engine',
    name: engine.name,
    detail,
    processes: spec.processes,
    workers: spec.workers
  })
  log(
    `decoded ${decoded.durationSeconds.toFixed(2)} s → ${chunks.length} chunk(s) of about ${spec.chunkSeconds} s ` +
      `(overlap ${spec.overlapSeconds} s), ${engine.name} ×${spec.processes}, ${threadsPerProcess(spec.workers, spec.processes)} thread(s) each`
  )
  const extraSteps = wantsSpeakers(spec) ? 1 : 0
  const fromEndpoint = speakersFromEndpoint(spec, engine.name, chunks.length)
  const run = new ChunkRun({
    ...{ spec, emit, log, engine, workers, decoded, prepared, extraSteps },
    keepsEndpointSpeakers: fromEndpoint
  })
  let results: ChunkWords[]
  try {
    results = await runChunkPool<ChunkWords>(
      chunks.length,
      run.servers(tools.ffmpeg, keys),
      signal,
      { log }
    )
  } finally {
    workers.close()
  }
  // Speakers are found over the whole file once every chunk has its words (speakerSource.ts),
  // unless the one request that covers the file named them; speakerRun.ts never rejects.
  const found = await jobSpeakers(
    spec,
    {
      pcmPath: decoded.pcmPath,
      durationSeconds: decoded.durationSeconds,
      emit,
      log,
      signal,
      progress: run.progress,
      progressIndex: chunks.length
    },
    fromEndpoint,
    results
  )
  // A stop while the speaker worker ran (it ends with the job) ends the job here.
  if (signal.aborted) throw new Error('cancelled')
  await finishTranscript(spec, emit, log, {
    probe,
    decoded,
    prepared,
    results,
    speakers: found,
    run
  })
}

/**
 * The engine the PipelineSpec names, checked usable, with its worker pool: already loading the
 * model (taking the early worker when there is one) and closed when `signal` aborts.
 */
export async function startEngine(
  spec: PipelineSpec,
  log: Log,
  signal: AbortSignal,
  early: EarlyWorker
): Promise<{ engine: Engine; detail: string; workers: EngineWorkerPool }> {
  const engine = getEngine(spec.engine)
  if (engine.name === ENDPOINT_ENGINE && !spec.endpoints?.length) {
    throw new EngineUnavailableError(ENDPOINT_SETUP_HINT)
  }
  const info = await engine.availability(spec.model, { modelsDir: spec.modelsDir })
  if (!info.available) throw new EngineUnavailableError(info.detail)
  const workers = new EngineWorkerPool({
    engine,
    model: spec.model,
    modelsDir: spec.modelsDir,
    // Lanes never outnumber processes (the local server's slots in runChunkPool).
    limit: Math.max(1, spec.processes),
    log,
    onFirstReady: (w) => log(`${engine.name} backend: ${w.description}`)
  })
  signal.addEventListener('abort', () => workers.close(), { once: true })
  workers.warmUp(early)
  return { engine, detail: info.detail, workers }
}

/** Probe, decode and chunk plan: everything before the first chunk can start. */
async function prepareInput(
  spec: PipelineSpec,
  tools: MediaTools,
  emit: EventSink,
  log: Log,
  signal: AbortSignal
): Promise<{ probe: MediaProbe; decoded: DecodedAudio; prepared: PreparedChunks }> {
  // A WAV already in the decoded format skips ffprobe and ffmpeg (media/plainWav.ts); a read
  // that fails here is left to ffprobe, which says why in the user's words.
  const plain = spec.passage ? null : await readPlainWav(spec.inputPath).catch(() => null)
  const probe = plain?.probe ?? (await probeMedia(tools.ffprobe, spec.inputPath, signal))
  await checkWorkSpace(spec.tempDir, probe.durationSeconds, spec)
  await ensureOutputDir(spec.outputDir)
  emit({ type: 'probe', durationSeconds: probe.durationSeconds, codec: probe.audioCodec })
  log(
    `probe: ${basename(spec.inputPath)}: ${probe.durationSeconds.toFixed(2)} s, codec ${probe.audioCodec}`
  )
  if (plain) log('16 kHz mono 16-bit WAV: its samples are used as they are (no ffprobe, no ffmpeg)')

  await mkdir(spec.tempDir, { recursive: true })
  const passage = spec.passage && passageWithin(spec.passage, probe.durationSeconds, log)
  const end = probe.durationSeconds > 0 ? probe.durationSeconds : Infinity
  const toDecode = passage ? Math.min(passage.to, end) - passage.from : probe.durationSeconds
  const phases = new PreparationProgress(toDecode, emit)
  const decoded = plain
    ? await copyPlainWav(spec.inputPath, plain, spec.tempDir, signal)
    : await decodeToPcm(tools.ffmpeg, spec.inputPath, spec.tempDir, signal, {
        // A long file takes seconds to decode (3 h: ~8 s): the job and its log say how far it got.
        onProgress: (seconds) => {
          phases.decoded(seconds)
          log(`decoding: ${clockText(seconds)} of ${clockText(toDecode)}`)
        },
        ...(passage && { passage })
      })
  if (decoded.durationSeconds <= 0) {
    throw new BadInputError(`no audio could be decoded from ${basename(spec.inputPath)}`)
  }
  phases.planning()
  const prepared = await prepareChunks(spec, decoded.pcmPath, decoded.durationSeconds, signal, log)
  return { probe, decoded, prepared }
}
