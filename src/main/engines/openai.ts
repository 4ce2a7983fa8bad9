// The `openai` engine: any server speaking OpenAI's `POST /v1/audio/transcriptions`. Unlike the
// local engines it has no binary to find; its chunks are spread over the job's endpoints by the
// pipeline's endpoint pool, which calls `transcribeRemote` per chunk.
import type { EngineInfo } from '@shared/domain'
import type { TimedWord } from '@shared/transcript'
import { requestTranscription } from './openaiRequest'
import { EngineUnavailableError, type Engine } from './types'

export const OPENAI_SETUP_HINT =
  'engine openai needs at least one endpoint: add one in Settings → Endpoints, or pass --endpoint URL[,model=NAME,concurrency=N] (key in TRANSCRIPTOR_API_KEY)'

export interface RemoteChunk {
  baseUrl: string
  model: string
  apiKey?: string
  /** The chunk, compressed (FLAC). */
  audio: Uint8Array
  fileName: string
  language?: string
  chunkSeconds: number
  timeoutMs: number
  signal: AbortSignal
}

/** Words with times relative to the start of the chunk, as the local engines return them. */
export function transcribeRemote(chunk: RemoteChunk): Promise<TimedWord[]> {
  return requestTranscription({ ...chunk, mimeType: 'audio/flac' })
}

export const openaiEngine: Engine = {
  name: 'openai',

  async availability(): Promise<EngineInfo> {
    return {
      name: 'openai',
      available: true,
      detail: 'remote OpenAI-compatible endpoints (checked one by one below)',
      models: []
    }
  },

  async transcribeChunk(): Promise<TimedWord[]> {
    // Remote chunks go through the pipeline's endpoint pool, which knows the endpoints and keys.
    throw new EngineUnavailableError(OPENAI_SETUP_HINT)
  }
}
