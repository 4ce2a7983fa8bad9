// One run's chunks: which servers transcribe them (the local engine's workers, the endpoints), the
// loop guard and one retry around each, and what happens when a chunk's words are final
// (checkpoint for resume, live words, progress).
import { rm } from 'node:fs/promises'
import { ENDPOINT_ENGINE } from '@shared/domain'
import type { TimedWord } from '@shared/transcript'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { EngineCrashError, type Engine } from '../engines/types'
import { writeChunkWav, type DecodedAudio } from '../media/decode'
import type { ChunkPlan } from './chunking'
import type { PreparedChunks } from './preparedChunks'
import type { EventSink, Log } from './events'
import { mergeChunkWords, type ChunkWords } from './merge'
import { fitWords } from './transcriptBounds'
import type { EngineWorkerPool } from './engineWorkers'
import { ChunkProgress } from './chunkProgress'
import type { ChunkServer } from './chunkPool'
import type { EndpointKeys } from './endpointKeys'
import { endpointServers } from './endpointPool'
import { chunkOptions } from './chunkOptions'
import { guardedChunk } from './guardedChunk'
import { RETRY_TEMPERATURE } from './loopGuard'
import { PipelineFailure } from './pipelineFailure'
import { withoutSpeakers } from './speakerSource'

/** What every chunk of one run shares. */
export interface ChunkRunContext {
  spec: PipelineSpec
  emit: EventSink
  log: Log
  engine: Engine
  workers: EngineWorkerPool
  decoded: DecodedAudio
  prepared: PreparedChunks
  /** Steps counted in the progress beside the chunks (the speaker step). */
  extraSteps: number
  /** The endpoints' speakers may stand for the job's (speakerSource.ts); else they are dropped. */
  keepsEndpointSpeakers: boolean
}

/** One run's chunks: who transcribes them, and what happens when one is final. */
export class ChunkRun {
  readonly progress: ChunkProgress
  private chunksFinished = 0
  /** Chunks the loop guard kept after a failed re-run, and why. */
  readonly doubtful = new Map<number, string>()

  constructor(private readonly c: ChunkRunContext) {
    const steps = c.prepared.chunks.length + c.extraSteps
    const rate = c.engine.name === ENDPOINT_ENGINE ? undefined : c.spec.earlierSecondsPerAudioSecond
    this.progress = new ChunkProgress(steps, c.emit, rate)
    for (const [index, reason] of c.prepared.doubts) this.doubtful.set(index, reason)
    // Said once: the host found earlier jobs of this engine and model (core/db/earlierSpeed.ts).
    if (rate)
      c.log(
        `time left: estimated from earlier jobs (${rate.toFixed(3)} s of work per second of audio) until this job measures its own`
      )
  }

  /** The local engine (unless the job is the endpoint engine's) and the pipeline spec's endpoints. */
  servers(ffmpeg: string, keys: EndpointKeys): ChunkServer<ChunkWords>[] {
    const { spec, engine } = this.c
    const local = {
      name: engine.name,
      slots: spec.processes,
      isEndpoint: false,
      run: (index: number, signal: AbortSignal) => this.transcribeLocally(index, signal)
    }
    if (!spec.endpoints?.length) return [local]
    const endpoints = this.endpointServers(ffmpeg, keys)
    return engine.name === ENDPOINT_ENGINE ? endpoints : [local, ...endpoints]
  }

  /** Words a chunk has without an engine: reused from a checkpoint, or none in silence. */
  private knownWords(index: number): TimedWord[] | undefined {
    const { prepared } = this.c
    return prepared.finished.get(index) ?? (prepared.silent[index] ? [] : undefined)
  }

  /** A chunk's words are final: checkpoint (for resume), show them live, count them. */
  private async finishChunk(
    index: number,
    engineWords: TimedWord[],
    by: string
  ): Promise<ChunkWords> {
    const { prepared, emit, log } = this.c
    const { chunks } = prepared
    const chunk = chunks[index]
    const words = fitWords(engineWords)
    const reused = prepared.finished.has(index)
    if (!reused) await prepared.checkpoint(index, words, this.doubtful.get(index))
    emit({
      type: 'chunkWords',
      index,
      chunksTotal: chunks.length,
      start: chunk.start,
      end: chunk.end,
      words: mergeChunkWords([{ chunk, words }])
    })
    this.progress.done(index, { reused })
    // Counted here, not by the progress: that one also counts the speaker step.
    const done = ++this.chunksFinished
    const how = reused ? ', reused' : prepared.silent[index] ? ', silent' : by ? ` by ${by}` : ''
    log(
      `chunk ${index + 1}/${chunks.length} done: ${words.length} word(s)${how} (${done}/${chunks.length})`
    )
    return { chunk, words }
  }

  private async transcribeLocally(index: number, signal: AbortSignal): Promise<ChunkWords> {
    const known = this.knownWords(index)
    if (known) return this.finishChunk(index, known, '')
    const { spec, decoded, engine } = this.c
    const chunk = this.c.prepared.chunks[index]
    const wavPath = await writeChunkWav(decoded.pcmPath, chunk, spec.tempDir)
    this.progress.started(index, { audioSeconds: chunk.end - chunk.start })
    try {
      const onProgress = (f: number): void => this.progress.partial(index, f)
      const words = await this.guarded(
        chunk,
        () => this.transcribeWithRetry(wavPath, chunk, signal, onProgress),
        {
          how: `at temperature ${RETRY_TEMPERATURE}`,
          run: () => this.transcribeWithRetry(wavPath, chunk, signal, onProgress, RETRY_TEMPERATURE)
        }
      )
      return await this.finishChunk(index, words, spec.endpoints?.length ? engine.name : '')
    } finally {
      await rm(wavPath, { force: true })
    }
  }

  /** The loop guard around one chunk's engine run (guardedChunk.ts); a doubt is remembered. */
  private async guarded(
    chunk: ChunkPlan,
    first: () => Promise<TimedWord[]>,
    rerun: { how: string; run: () => Promise<TimedWord[]> }
  ): Promise<TimedWord[]> {
    const { log, prepared } = this.c
    const o = { log, speech: prepared.speech, chunkCount: prepared.chunks.length }
    const result = await guardedChunk(chunk, o, first, rerun)
    if (result.doubtful) this.doubtful.set(chunk.index, result.doubtful)
    return result.words
  }

  private async transcribeWithRetry(
    wavPath: string,
    chunk: ChunkPlan,
    signal: AbortSignal,
    onProgress: (fraction: number) => void,
    temperature?: number
  ): Promise<TimedWord[]> {
    const { spec, engine, workers, log } = this.c
    const options = chunkOptions(spec, signal, {
      onProgress,
      audioSeconds: chunk.end - chunk.start,
      ...(temperature !== undefined && { temperature })
    })
    // A crash is worth one retry unless the run is being stopped (checked after each await).
    const retryable = (error: unknown): error is EngineCrashError =>
      error instanceof EngineCrashError && !signal.aborted
    try {
      return await workers.transcribe(wavPath, options)
    } catch (first) {
      if (!retryable(first)) throw first
      log(
        `${engine.name} failed on chunk ${chunk.index + 1} (${first.message}: ${first.stderrTail}); retrying once`
      )
      try {
        return await workers.transcribe(wavPath, options)
      } catch (second) {
        if (!retryable(second)) throw second
        const tail = second.stderrTail || second.message
        throw new PipelineFailure(
          `engine ${engine.name} crashed on chunk ${chunk.index + 1}: ${tail}`
        )
      }
    }
  }

  /** The pipeline spec's endpoints as chunk servers whose results count like local ones. */
  private endpointServers(ffmpeg: string, keys: EndpointKeys): ChunkServer<ChunkWords>[] {
    const { spec, emit, log, decoded, prepared } = this.c
    const { chunks } = prepared
    const servers = endpointServers({
      spec,
      ffmpeg,
      keys,
      emit,
      log,
      chunkCount: chunks.length,
      chunkSeconds: (index) => chunks[index].end - chunks[index].start,
      cutChunk: (index) => writeChunkWav(decoded.pcmPath, chunks[index], spec.tempDir)
    })
    return servers.map((server, n) => ({
      ...server,
      run: async (index, signal) => {
        const known = this.knownWords(index)
        if (known) return this.finishChunk(index, known, '')
        // The re-run goes to another endpoint when there is one (a different server or model).
        const other = servers[(n + 1) % servers.length]
        const retry = { temperature: RETRY_TEMPERATURE }
        this.progress.started(index, { atEndpoint: true })
        const words = await this.guarded(chunks[index], () => server.run(index, signal), {
          how: `on ${other.name} at temperature ${RETRY_TEMPERATURE}`,
          run: () => other.run(index, signal, retry)
        })
        const kept = this.c.keepsEndpointSpeakers ? words : withoutSpeakers(words)
        return this.finishChunk(index, kept, server.name)
      }
    }))
  }
}
