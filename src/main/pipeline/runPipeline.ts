// One transcription, start to finish: probe → decode → cut → engine on chunks (≤ processes at
// once) → merge → write outputs. Every failure surfaces as a PipelineFailure with one line a user
// understands; cancellation (the signal) kills every subprocess through the same signal.
import { mkdir, rm } from 'node:fs/promises'
import { basename } from 'node:path'
import type { TimedWord, Transcript } from '@shared/transcript'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { clockText } from '@shared/clockText'
import { locateMediaTools, MediaToolsMissingError, type MediaTools } from '../media/ffmpeg'
import { BadInputError, probeMedia, type MediaProbe } from '../media/mediaProbe'
import { getEngine } from '../engines/registry'
import { EngineCrashError, EngineUnavailableError, type Engine } from '../engines/types'
import type { ChunkPlan } from './chunking'
import { clearCheckpoints } from './checkpoints'
import { prepareChunks, ResumeRefusedError, type PreparedChunks } from './preparedChunks'
import { decodeToPcm, writeChunkWav, type DecodedAudio } from '../media/decode'
import type { EventSink, Log } from './events'
import { mergeChunkWords, type ChunkWords } from './merge'
import { groupSegments } from './segments'
import { checkedTranscript, fitWords } from './transcriptBounds'
import { transcriptWarnings } from './inputWarnings'
import { declaredSeconds } from '../media/declaredDuration'
import { EngineWorkerPool } from './engineWorkers'
import { ChunkProgress } from './chunkProgress'
import { runChunkPool, ServersExhaustedError, type ChunkServer } from './chunkPool'
import { takeEndpointKeys, type EndpointKeys } from './endpointKeys'
import { endpointServers } from './endpointPool'
import { OPENAI_SETUP_HINT } from '../engines/openai'
import { ensureOutputDir, OutputError, writeOutputs } from './writeOutputs'
import { checkWorkSpace, WorkSpaceError } from './workSpace'
import { oneLineError } from '@shared/errors'
import { threadsPerProcess } from './threadsPerProcess'
import { runSpeakerStep } from './speakerRun'
import { wantsSpeakers, type FoundSpeakers } from './speakerStep'
import { labelWords, speakersEvent, splitAtSpeakers } from './speakerLabels'
import { guardedChunk } from './guardedChunk'
import { markDoubtful, ownedRange, RETRY_TEMPERATURE } from './loopGuard'
import { inRecordingTime, passageWithin } from './passage'

/** A failure with a message meant for the user. */
export class PipelineFailure extends Error {}

/** Errors whose message is already the one line a user should read. */
function userMessage(err: unknown): string | null {
  if (
    err instanceof BadInputError ||
    err instanceof OutputError ||
    err instanceof EngineUnavailableError ||
    err instanceof MediaToolsMissingError ||
    err instanceof PipelineFailure ||
    err instanceof ServersExhaustedError ||
    err instanceof ResumeRefusedError ||
    err instanceof WorkSpaceError
  ) {
    return err.message
  }
  return null
}

export function describeFailure(err: unknown): string {
  return userMessage(err) ?? `internal error: ${oneLineError(err)}`
}

export async function runPipeline(
  spec: PipelineSpec,
  emit: EventSink,
  log: Log,
  signal: AbortSignal
): Promise<void> {
  const tools = locateMediaTools()
  const keys = takeEndpointKeys()
  const { engine, detail, workers } = await startEngine(spec, log)
  signal.addEventListener('abort', () => workers.close(), { once: true })
  // The model loads while the input is probed, decoded and planned: the first chunk finds it.
  workers.warmUp()
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
  const run = new ChunkRun({ spec, emit, log, engine, workers, decoded, prepared, extraSteps })
  // Speakers are found over the whole file, beside the chunks (speakerRun.ts never rejects).
  const speakerStop = new AbortController()
  signal.addEventListener('abort', () => speakerStop.abort(), { once: true })
  const speakers = runSpeakerStep(spec, {
    pcmPath: decoded.pcmPath,
    durationSeconds: decoded.durationSeconds,
    emit,
    log,
    signal: speakerStop.signal,
    progress: run.progress,
    progressIndex: chunks.length
  })
  let results: ChunkWords[]
  try {
    results = await runChunkPool<ChunkWords>(
      chunks.length,
      run.servers(tools.ffmpeg, keys),
      signal,
      {
        log
      }
    )
  } catch (error) {
    speakerStop.abort()
    throw error
  } finally {
    workers.close()
  }
  const found = await speakers
  await finishTranscript(spec, emit, log, {
    probe,
    decoded,
    prepared,
    results,
    speakers: found,
    run
  })
}

/** The engine the pipeline spec names, checked usable, with its worker pool (not started yet). */
export async function startEngine(
  spec: PipelineSpec,
  log: Log
): Promise<{ engine: Engine; detail: string; workers: EngineWorkerPool }> {
  const engine = getEngine(spec.engine)
  if (engine.name === 'openai' && !spec.endpoints?.length) {
    throw new EngineUnavailableError(OPENAI_SETUP_HINT)
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
  return { engine, detail: info.detail, workers }
}

/** What every chunk of one run shares. */
interface ChunkRunContext {
  spec: PipelineSpec
  emit: EventSink
  log: Log
  engine: Engine
  workers: EngineWorkerPool
  decoded: DecodedAudio
  prepared: PreparedChunks
  /** Steps counted in the progress beside the chunks (the speaker step). */
  extraSteps: number
}

/** One run's chunks: who transcribes them, and what happens when one is final. */
class ChunkRun {
  readonly progress: ChunkProgress
  private chunksFinished = 0
  /** Chunks the loop guard kept after a failed re-run, and why. */
  readonly doubtful = new Map<number, string>()

  constructor(private readonly c: ChunkRunContext) {
    this.progress = new ChunkProgress(c.prepared.chunks.length + c.extraSteps, c.emit)
    for (const [index, reason] of c.prepared.doubts) this.doubtful.set(index, reason)
  }

  /** The local engine (unless it is remote only) and the pipeline spec's endpoints. */
  servers(ffmpeg: string, keys: EndpointKeys): ChunkServer<ChunkWords>[] {
    const { spec, engine } = this.c
    const local = {
      name: engine.name,
      slots: spec.processes,
      remote: false,
      run: (index: number, signal: AbortSignal) => this.transcribeLocally(index, signal)
    }
    if (!spec.endpoints?.length) return [local]
    const remote = this.remoteServers(ffmpeg, keys)
    return engine.name === 'openai' ? remote : [local, ...remote]
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
    const options = {
      model: spec.model,
      modelsDir: spec.modelsDir,
      threads: threadsPerProcess(spec.workers, spec.processes),
      signal,
      scratchDir: spec.tempDir,
      language: spec.language,
      translate: spec.translate,
      onProgress,
      ...(temperature !== undefined && { temperature })
    }
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
  private remoteServers(ffmpeg: string, keys: EndpointKeys): ChunkServer<ChunkWords>[] {
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
        const words = await this.guarded(chunks[index], () => server.run(index, signal), {
          how: `on ${other.name} at temperature ${RETRY_TEMPERATURE}`,
          run: () => other.run(index, signal, retry)
        })
        return this.finishChunk(index, words, server.name)
      }
    }))
  }
}

/** Merge, warnings, outputs: what happens once every chunk has its words. */
async function finishTranscript(
  spec: PipelineSpec,
  emit: EventSink,
  log: Log,
  r: {
    probe: MediaProbe
    decoded: DecodedAudio
    prepared: PreparedChunks
    results: ChunkWords[]
    speakers: FoundSpeakers | null
    run: ChunkRun
  }
): Promise<void> {
  const labelled = labelWords(
    fitWords(inRecordingTime(mergeChunkWords(r.results), spec.passage)),
    r.speakers?.result.turns ?? []
  )
  const { words } = labelled
  const doubtful = [...r.run.doubtful].map(([index, reason]) => ({
    ...ownedRange(r.prepared.chunks[index]),
    reason
  }))
  const transcript: Transcript = checkedTranscript({
    durationSeconds: r.decoded.durationSeconds + (spec.passage?.from ?? 0),
    segments: markDoubtful(
      labelled.speakers.length ? splitAtSpeakers(groupSegments(words)) : groupSegments(words),
      doubtful
    ),
    ...(labelled.speakers.length ? { speakers: labelled.speakers } : {}),
    // pocketsphinx's model is English; whisper's language is what was asked ('auto' = detected).
    language: spec.engine === 'whisper' ? (spec.language ?? 'auto') : 'en',
    task: spec.translate ? 'translate' : 'transcribe',
    ...(r.prepared.gaps.length > 0 && { gaps: r.prepared.gaps })
  })
  for (const message of transcriptWarnings({
    probedSeconds: spec.passage
      ? Math.min(r.probe.durationSeconds, spec.passage.to) - spec.passage.from
      : Math.max(r.probe.audioClaimSeconds, (await declaredSeconds(spec.inputPath)) ?? 0),
    decodedSeconds: r.decoded.durationSeconds,
    words,
    music: r.prepared.sound.music,
    // Only Silero tells speech from music and noise: the energy detector's "speech" is any sound.
    speech:
      r.prepared.speechBy === 'silero'
        ? { found: (r.prepared.speech ?? []).length > 0, gaps: r.prepared.gaps }
        : null
  })) {
    emit({ type: 'warning', message })
    log(`warning: ${message}`)
  }
  const outputs = await writeOutputs(transcript, spec.formats, spec.outputDir, spec.outputBaseName)
  if (r.speakers && labelled.speakers.length) {
    emit(speakersEvent(r.speakers, labelled))
    log(`speakers: ${labelled.speakers.length} in the transcript`)
  }
  emit({ type: 'done', outputs, wordCount: words.length })
  log(`done: ${words.length} word(s) → ${Object.values(outputs).join(', ')}`)
  if (spec.workDir) await clearCheckpoints(spec.workDir)
}

/** Probe, decode and chunk plan: everything before the first chunk can start. */
async function prepareInput(
  spec: PipelineSpec,
  tools: MediaTools,
  emit: EventSink,
  log: Log,
  signal: AbortSignal
): Promise<{ probe: MediaProbe; decoded: DecodedAudio; prepared: PreparedChunks }> {
  const probe = await probeMedia(tools.ffprobe, spec.inputPath, signal)
  await checkWorkSpace(spec.tempDir, probe.durationSeconds, spec)
  await ensureOutputDir(spec.outputDir)
  emit({ type: 'probe', durationSeconds: probe.durationSeconds, codec: probe.audioCodec })
  log(
    `probe: ${basename(spec.inputPath)}: ${probe.durationSeconds.toFixed(2)} s, codec ${probe.audioCodec}`
  )

  await mkdir(spec.tempDir, { recursive: true })
  const decoded = await decodeToPcm(tools.ffmpeg, spec.inputPath, spec.tempDir, signal, {
    // A long file takes seconds to decode (3 h: ~8 s): the log says how far it got meanwhile.
    onProgress: (seconds) =>
      log(`decoding: ${clockText(seconds)} of ${clockText(probe.durationSeconds)}`),
    ...(spec.passage && { passage: passageWithin(spec.passage, probe.durationSeconds, log) })
  })
  if (decoded.durationSeconds <= 0) {
    throw new BadInputError(`no audio could be decoded from ${basename(spec.inputPath)}`)
  }
  const prepared = await prepareChunks(spec, decoded.pcmPath, decoded.durationSeconds, signal, log)
  return { probe, decoded, prepared }
}
