// One transcription, start to finish: probe → decode → cut → engine on chunks (≤ processes at
// once) → merge → write outputs. Every failure surfaces as a PipelineFailure with one line a user
// understands; cancellation (the signal) kills every subprocess through the same signal.
import { mkdir, rm } from 'node:fs/promises'
import { basename } from 'node:path'
import type { TimedWord, Transcript } from '@shared/domain'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { locateMediaTools, MediaToolsMissingError } from '../media/ffmpeg'
import { BadInputError, probeMedia } from '../media/probe'
import { getEngine } from '../engines/registry'
import { EngineCrashError, EngineUnavailableError, type Engine } from '../engines/types'
import { planChunks, type ChunkPlan } from './chunking'
import { decodeToPcm, writeChunkWav } from '../media/decode'
import type { EventSink } from './events'
import { mergeChunkWords, type ChunkWords } from './merge'
import { groupSegments } from './segments'
import { runPool } from './workerPool'
import { ensureOutputDir, OutputError, writeOutputs } from './writeOutputs'
import { checkWorkSpace, WorkSpaceError } from './workSpace'

/** A failure with a message meant for the user. */
export class PipelineFailure extends Error {}

export type Log = (line: string) => void

/** Errors whose message is already the one line a user should read. */
function userMessage(err: unknown): string | null {
  if (
    err instanceof BadInputError ||
    err instanceof OutputError ||
    err instanceof EngineUnavailableError ||
    err instanceof MediaToolsMissingError ||
    err instanceof PipelineFailure ||
    err instanceof WorkSpaceError
  ) {
    return err.message
  }
  return null
}

export function describeFailure(err: unknown): string {
  return userMessage(err) ?? `internal error: ${err instanceof Error ? err.message : String(err)}`
}

async function transcribeWithRetry(
  engine: Engine,
  spec: PipelineSpec,
  wavPath: string,
  chunk: ChunkPlan,
  signal: AbortSignal,
  log: Log
): Promise<TimedWord[]> {
  const options = {
    model: spec.model,
    modelsDir: spec.modelsDir,
    threads: spec.workers,
    signal,
    scratchDir: spec.tempDir
  }
  try {
    return await engine.transcribeChunk(wavPath, options)
  } catch (first) {
    if (!(first instanceof EngineCrashError) || signal.aborted) throw first
    log(
      `${engine.name} failed on chunk ${chunk.index + 1} (${first.message}: ${first.stderrTail}); retrying once`
    )
    try {
      return await engine.transcribeChunk(wavPath, options)
    } catch (second) {
      if (!(second instanceof EngineCrashError) || signal.aborted) throw second
      const tail = second.stderrTail || second.message
      throw new PipelineFailure(
        `engine ${engine.name} crashed on chunk ${chunk.index + 1}: ${tail}`
      )
    }
  }
}

export async function runPipeline(
  spec: PipelineSpec,
  emit: EventSink,
  log: Log,
  signal: AbortSignal
): Promise<void> {
  const tools = locateMediaTools()
  const engine = getEngine(spec.engine)
  const info = await engine.availability(spec.model, { modelsDir: spec.modelsDir })
  if (!info.available) throw new EngineUnavailableError(info.detail)

  const probe = await probeMedia(tools.ffprobe, spec.inputPath, signal)
  await checkWorkSpace(spec.tempDir, probe.durationSeconds, spec)
  await ensureOutputDir(spec.outputDir)
  emit({ type: 'probe', durationSeconds: probe.durationSeconds, codec: probe.audioCodec })
  log(
    `probe: ${basename(spec.inputPath)}: ${probe.durationSeconds.toFixed(2)} s, codec ${probe.audioCodec}`
  )

  await mkdir(spec.tempDir, { recursive: true })
  const decoded = await decodeToPcm(tools.ffmpeg, spec.inputPath, spec.tempDir, signal)
  if (decoded.durationSeconds <= 0) {
    throw new BadInputError(`no audio could be decoded from ${basename(spec.inputPath)}`)
  }
  const chunks = planChunks(decoded.durationSeconds, spec.chunkSeconds, spec.overlapSeconds)
  emit({
    type: 'engine',
    name: engine.name,
    detail: info.detail,
    processes: spec.processes,
    workers: spec.workers
  })
  log(
    `decoded ${decoded.durationSeconds.toFixed(2)} s → ${chunks.length} chunk(s) of ≤ ${spec.chunkSeconds} s ` +
      `(overlap ${spec.overlapSeconds} s), ${engine.name} ×${spec.processes}, ${spec.workers} thread(s) each`
  )

  const startedAt = Date.now()
  let chunksDone = 0
  emit({ type: 'progress', chunksDone, chunksTotal: chunks.length, fraction: 0, etaSeconds: null })
  const results = await runPool<ChunkWords>(
    chunks.length,
    spec.processes,
    async (index, poolSignal) => {
      const chunk = chunks[index]
      const wavPath = await writeChunkWav(decoded.pcmPath, chunk, spec.tempDir)
      const words = await transcribeWithRetry(engine, spec, wavPath, chunk, poolSignal, log)
      await rm(wavPath, { force: true })
      chunksDone++
      const elapsed = (Date.now() - startedAt) / 1000
      const etaSeconds = Math.round((elapsed / chunksDone) * (chunks.length - chunksDone) * 10) / 10
      emit({
        type: 'progress',
        chunksDone,
        chunksTotal: chunks.length,
        fraction: chunksDone / chunks.length,
        etaSeconds
      })
      log(
        `chunk ${index + 1}/${chunks.length} done: ${words.length} word(s) (${chunksDone}/${chunks.length})`
      )
      return { chunk, words }
    },
    signal
  )

  const words = mergeChunkWords(results)
  const transcript: Transcript = {
    durationSeconds: decoded.durationSeconds,
    segments: groupSegments(words)
  }
  const outputs = await writeOutputs(transcript, spec.formats, spec.outputDir, spec.outputBaseName)
  emit({ type: 'done', outputs, wordCount: words.length })
  log(`done: ${words.length} word(s) → ${Object.values(outputs).join(', ')}`)
}
