// One transcription request to an OpenAI-compatible endpoint, with Node's fetch (undici): aborted
// by the job's signal or a timeout, redirects never followed (the key must not travel to another
// host), the body read up to a cap, and every failure turned into a EndpointError with one line
// that never contains the key.
import { formatBytes } from '@shared/byteText'
import type { TimedWord } from '@shared/transcript'
import { endpointUrls, parseTranscription, EndpointError, statusError } from './endpointProtocol'
import { requestDeadline } from './requestDeadline'

/** Far above any real transcription of a chunk; a server streaming more is broken. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024

export interface TranscriptionRequest {
  baseUrl: string
  model: string
  apiKey?: string
  audio: Uint8Array
  fileName: string
  mimeType: string
  language?: string
  /** Set on a loop guard re-run (pipeline/loopGuard.ts): sample instead of the greedy decode. */
  temperature?: number
  /** For a response with plain text only: the chunk's length, to spread the words over. */
  chunkSeconds: number
  timeoutMs: number
  signal: AbortSignal
  maxResponseBytes?: number
}

function headers(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {}
}

/** The server answered, but with a body over the cap: it was reached, its answer is not usable. */
export class BodyCapError extends EndpointError {}

/** Reads at most `cap` bytes of the body; more is a failure, and the connection is dropped. */
async function readCapped(response: Response, cap: number): Promise<string> {
  const length = Number(response.headers.get('content-length'))
  if (Number.isFinite(length) && length > cap) {
    await response.body?.cancel()
    throw new BodyCapError(
      `answered a body of ${formatBytes(length)} (over the ${formatBytes(cap)} cap)`,
      false
    )
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const parts: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > cap) {
      await reader.cancel()
      throw new BodyCapError(`answered more than ${formatBytes(cap)}; cut off`, false)
    }
    parts.push(value)
  }
  return Buffer.concat(parts).toString('utf8')
}

const timeoutReason = (timeoutMs: number): string =>
  `no answer within ${Math.round(timeoutMs / 1000)} s`

/** Why fetch threw, in words (undici hides the socket error in `cause`). */
export function networkReason(error: unknown, timeoutMs: number): string {
  const err = error as {
    name?: string
    message?: string
    cause?: { code?: string; message?: string } | null
  } | null
  if (err?.name === 'TimeoutError') return timeoutReason(timeoutMs)
  const code = err?.cause?.code
  if (code === 'ECONNREFUSED') return 'connection refused'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection dropped by the server'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found'
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'connection timed out'
  if (code) return `network error ${code}`
  const message = err?.cause?.message ?? err?.message ?? String(error)
  return /terminated|other side closed/i.test(message)
    ? 'connection dropped by the server'
    : message.split('\n')[0]
}

/**
 * Replaces the key wherever a server or a library might have echoed it, in any letter case (a
 * server that upper-cases its error text still shows the key to whoever reads the log).
 */
export function redact(text: string, apiKey: string | undefined): string {
  if (!apiKey || apiKey.length < 4) return text
  const literal = apiKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return text.replace(new RegExp(literal, 'gi'), '***')
}

export interface EndpointAnswer {
  status: number
  body: string
  retryAfter: string | null
  /** Where a redirect points (never followed). */
  location: string | null
}

/** fetch with the job's signal + a timeout, no redirects; failures as EndpointError. */
export async function endpointFetch(
  url: string,
  init: RequestInit & { signal: AbortSignal },
  timeoutMs: number,
  apiKey: string | undefined,
  cap: number
): Promise<EndpointAnswer> {
  // The deadline covers the whole exchange: upload, waiting for headers and reading the body.
  const deadline = requestDeadline(init.signal, timeoutMs)
  try {
    const response = await fetch(url, { ...init, signal: deadline.signal, redirect: 'manual' })
    const body = await readCapped(response, cap)
    return {
      status: response.status,
      body,
      retryAfter: response.headers.get('retry-after'),
      location: response.headers.get('location')
    }
  } catch (error) {
    if (init.signal.aborted) throw new Error('cancelled')
    if (error instanceof EndpointError) throw error
    const reason = deadline.timedOut() ? timeoutReason(timeoutMs) : networkReason(error, timeoutMs)
    throw new EndpointError(redact(reason, apiKey), false)
  } finally {
    deadline.dispose()
  }
}

export async function requestTranscription(r: TranscriptionRequest): Promise<TimedWord[]> {
  const form = new FormData()
  form.append('file', new Blob([r.audio], { type: r.mimeType }), r.fileName)
  form.append('model', r.model)
  if (r.language) form.append('language', r.language)
  if (r.temperature !== undefined) form.append('temperature', String(r.temperature))
  form.append('response_format', 'verbose_json')
  form.append('timestamp_granularities[]', 'word')
  form.append('timestamp_granularities[]', 'segment')
  const { status, body, retryAfter } = await endpointFetch(
    endpointUrls(r.baseUrl).transcriptions,
    { method: 'POST', body: form, headers: headers(r.apiKey), signal: r.signal },
    r.timeoutMs,
    r.apiKey,
    r.maxResponseBytes ?? MAX_RESPONSE_BYTES
  )
  try {
    if (status !== 200) throw statusError(status, body, retryAfter)
    return parseTranscription(body, r.chunkSeconds)
  } catch (error) {
    if (error instanceof EndpointError)
      throw new EndpointError(redact(error.message, r.apiKey), error.fatal, error.retryAfterMs)
    throw error
  }
}

export { headers as authHeaders }
