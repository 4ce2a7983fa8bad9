// The endpoint engine (`openai` in rows and on the command line): a server that answers OpenAI's
// transcription request (`POST /v1/audio/transcriptions`). Unlike the local engines it has no
// binary to find; its chunks are spread over the job's endpoints by the pipeline's endpoint pool,
// which calls `transcribeAtEndpoint` per chunk.
import { ENDPOINT_ENGINE, type EngineInfo } from '@shared/domain'
import type { TimedWord } from '@shared/transcript'
import { requestTranscription } from './endpointRequest'
import { EngineUnavailableError, type Engine } from './types'

export const ENDPOINT_SETUP_HINT =
  'engine openai needs at least one endpoint: add one in Settings → Endpoints, or pass --endpoint URL[,model=NAME,concurrency=N] (key in TRANSCRIPTOR_API_KEY)'

export interface EndpointChunk {
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
export function transcribeAtEndpoint(chunk: EndpointChunk): Promise<TimedWord[]> {
  return requestTranscription({ ...chunk, mimeType: 'audio/flac' })
}

export const endpointEngine: Engine = {
  name: ENDPOINT_ENGINE,

  async availability(): Promise<EngineInfo> {
    return {
      name: ENDPOINT_ENGINE,
      available: true,
      detail: 'remote OpenAI-compatible endpoints (checked one by one below)',
      models: []
    }
  },

  async transcribeChunk(): Promise<TimedWord[]> {
    // Endpoint chunks go through the pipeline's endpoint pool, which knows the endpoints and keys.
    throw new EngineUnavailableError(ENDPOINT_SETUP_HINT)
  }
}
