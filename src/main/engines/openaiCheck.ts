// "Does this endpoint work?" for Settings' Test button and `doctor`: reachable, authorised, model
// known, in one line. /models answers the last two on OpenAI, speaches, vLLM, Groq and LocalAI;
// servers without it (whisper.cpp's) get a tiny real request: half a second of silence.
import type { EndpointCheck } from '@shared/endpoints'
import { endpointLabel } from '@shared/endpoints'
import { SAMPLE_RATE, wavHeader } from '../media/decode'
import { endpointUrls, RemoteError, serverMessage } from './openaiProtocol'
import { authHeaders, redact, remoteFetch, requestTranscription } from './openaiRequest'
import { oneLineError } from '@shared/errors'

const CHECK_BYTES_CAP = 4 * 1024 * 1024

/** A 16 kHz mono 16-bit WAV of silence. */
export function silentWav(seconds: number): Uint8Array {
  const dataBytes = Math.round(SAMPLE_RATE * seconds) * 2
  return Buffer.concat([wavHeader(dataBytes), Buffer.alloc(dataBytes)])
}

export interface EndpointCheckInput {
  baseUrl: string
  model: string
  apiKey?: string
  timeoutMs?: number
  signal?: AbortSignal
}

function modelIds(body: string): string[] | null {
  try {
    const value = JSON.parse(body) as { data?: ({ id?: unknown } | null)[] }
    if (!Array.isArray(value.data)) return null
    return value.data.map((m) => m?.id).filter((id): id is string => typeof id === 'string')
  } catch {
    return null
  }
}

async function checkBySilence(o: EndpointCheckInput, timeoutMs: number): Promise<EndpointCheck> {
  try {
    await requestTranscription({
      baseUrl: o.baseUrl,
      model: o.model,
      apiKey: o.apiKey,
      audio: silentWav(0.5),
      fileName: 'check.wav',
      mimeType: 'audio/wav',
      chunkSeconds: 0.5,
      timeoutMs,
      signal: o.signal ?? new AbortController().signal
    })
    return {
      ok: true,
      reachable: true,
      authorised: true,
      modelKnown: true,
      detail: `transcribes with model '${o.model}'`
    }
  } catch (error) {
    const reason = oneLineError(error)
    const unauthorised = /not authorised/.test(reason)
    const unreachable = error instanceof RemoteError && !/HTTP|answered/.test(reason)
    return {
      ok: false,
      reachable: !unreachable,
      authorised: unreachable ? null : !unauthorised,
      modelKnown: null,
      detail: reason
    }
  }
}

export async function checkEndpoint(o: EndpointCheckInput): Promise<EndpointCheck> {
  const timeoutMs = o.timeoutMs ?? 10_000
  const label = endpointLabel(o.baseUrl)
  let answer: { status: number; body: string }
  try {
    answer = await remoteFetch(
      endpointUrls(o.baseUrl).models,
      {
        method: 'GET',
        headers: authHeaders(o.apiKey),
        signal: o.signal ?? new AbortController().signal
      },
      timeoutMs,
      o.apiKey,
      CHECK_BYTES_CAP
    )
  } catch (error) {
    const reason = oneLineError(error)
    return {
      ok: false,
      reachable: false,
      authorised: null,
      modelKnown: null,
      detail: `${label}: ${reason}`
    }
  }
  const prefix = (check: EndpointCheck): EndpointCheck => ({
    ...check,
    detail: `${label}: ${check.detail}`
  })
  if (answer.status === 401 || answer.status === 403) {
    const said = redact(serverMessage(answer.body), o.apiKey)
    return prefix({
      ok: false,
      reachable: true,
      authorised: false,
      modelKnown: null,
      detail: `not authorised (HTTP ${answer.status})${said ? `: ${said}` : ''}${o.apiKey ? '' : ' — no API key set'}`
    })
  }
  const ids = answer.status === 200 ? modelIds(answer.body) : null
  if (ids === null) return prefix(await checkBySilence(o, timeoutMs))
  const known = ids.includes(o.model)
  return prefix({
    ok: known,
    reachable: true,
    authorised: true,
    modelKnown: known,
    detail: known
      ? `reachable, authorised, model '${o.model}' available`
      : `reachable and authorised, but model '${o.model}' is not among ${ids.length} listed (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})`
  })
}
