// One interface for every speech engine: it reports whether it can run here (and, when not,
// exactly what to install) and turns one 16 kHz mono WAV chunk into timed words.
import type { EngineInfo, EngineName } from '@shared/domain'
import type { TimedWord } from '@shared/transcript'
import type { StartedWorker } from './whisperWorker/spawnWorker'

/** Where this instance keeps what engines need (the instance's data dir decides, not the engine). */
export interface EngineContext {
  /** `<dataDir>/models` of the running instance; searched first for models given by name. */
  modelsDir?: string
}

export interface ChunkOptions extends EngineContext {
  /** Model name or path; '' = the engine's default. */
  model: string
  /** Threads inside one engine process, where the engine has them. */
  threads: number
  /** Aborting kills the engine process. */
  signal: AbortSignal
  /** Scratch directory the engine may write into (per chunk). */
  scratchDir: string
  /** 'auto' or an ISO 639-1 code (engines that know one language ignore it). */
  language?: string
  /** Translate into English instead of transcribing (whisper). */
  translate?: boolean
  /** 0..1 within this chunk, as often as the engine can tell. */
  onProgress?: (fraction: number) => void
  /** The chunk's length, for engines that tell progress as the audio time they reached. */
  audioSeconds?: number
  /** Sampling temperature for a re-run the loop guard asks for (pipeline/loopGuard.ts); whisper. */
  temperature?: number
}

export interface ChunkResult {
  words: TimedWord[]
  /** The language the engine used or detected; null when it does not say. */
  language: string | null
}

export interface WorkerOptions extends EngineContext {
  model: string
  log: (line: string) => void
  /** Aborting kills the worker process, even while it is still loading its model. */
  signal?: AbortSignal
  /** Its process, when the pipeline started it before loading its own code (spawnFirstWorker). */
  started?: StartedWorker | null
}

/**
 * An engine process that loads its model once and then takes chunk after chunk. Engines without
 * one run a process per chunk (transcribeChunk).
 */
export interface EngineWorker {
  /** Backend and accelerator, e.g. "bundled whisper.cpp (…linux-x64-vulkan), CPU". */
  readonly description: string
  /** One line when a GPU variant could not be used and the CPU one runs instead. */
  readonly fallback: string | null
  readonly loadMs: number
  /** Whether language 'auto' makes it detect the language (a multilingual whisper model). */
  readonly detectsLanguage: boolean
  transcribe(wavPath: string, options: ChunkOptions): Promise<ChunkResult>
  close(): void
}

export interface Engine {
  name: EngineName
  availability(model?: string, context?: EngineContext): Promise<EngineInfo>
  /** Words with times relative to the start of the chunk, in seconds. */
  transcribeChunk(wavPath: string, options: ChunkOptions): Promise<TimedWord[]>
  /** A process that keeps the model loaded across chunks; null when this setup has none. */
  startWorker?(options: WorkerOptions): Promise<EngineWorker | null>
}

/** The engine process failed; `stderrTail` holds its last meaningful stderr lines. */
export class EngineCrashError extends Error {
  constructor(
    message: string,
    readonly stderrTail: string
  ) {
    super(message)
  }
}

/** The engine cannot run here at all; the message is the install hint. */
export class EngineUnavailableError extends Error {}
