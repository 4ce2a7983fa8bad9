// One interface for every speech engine: it reports whether it can run here (and, when not,
// exactly what to install) and turns one 16 kHz mono WAV chunk into timed words.
import type { EngineInfo, EngineName, TimedWord } from '@shared/domain'

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
}

export interface Engine {
  name: EngineName
  availability(model?: string, context?: EngineContext): Promise<EngineInfo>
  /** Words with times relative to the start of the chunk, in seconds. */
  transcribeChunk(wavPath: string, options: ChunkOptions): Promise<TimedWord[]>
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
