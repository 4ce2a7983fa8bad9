// "Does this endpoint work?" for Settings' Test button and `doctor`: reachable, authorised, model
// known, in one line. /models answers the last two on OpenAI, speaches, vLLM, Groq and LocalAI;
// servers without it (whisper.cpp's) get a tiny real request: half a second of silence.
import type { EndpointCheck } from '@shared/endpoints'
import { endpointLabel, endpointTimeoutSeconds } from '@shared/endpoints'
import { SAMPLE_RATE, wavHeader } from '../media/decode'
import { endpointUrls, EndpointError, serverMessage } from './endpointProtocol'
import {
  authHeaders,
  BodyCapError,
  redact,
  endpointFetch,
  requestTranscription,
  type EndpointAnswer
} from './endpointRequest'
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
  /** The endpoint's saved request timeout; none = CHECK_TIMEOUT_SECONDS. */
  timeoutSeconds?: number | null
  signal?: AbortSignal
}

/**
 * A Test answers within seconds when the endpoint has no timeout of its own; one saved for a slow
 * server is what its jobs wait, so the Test waits it too.
 */
export const CHECK_TIMEOUT_SECONDS = 10

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
    const unreachable = error instanceof EndpointError && !/HTTP|answered/.test(reason)
    // A redirect or an oversized answer says nothing about the key.
    const unknown = unreachable || error instanceof BodyCapError || /redirected/.test(reason)
    return {
      ok: false,
      reachable: !unreachable,
      authorised: unknown ? null : !unauthorised,
      modelKnown: null,
      detail: reason
    }
  }
}

const notAnswered = (error: unknown): Omit<EndpointCheck, 'detail'> => ({
  ok: false,
  // Over the cap is an answer: the server was reached, and what it says is not a model list.
  reachable: error instanceof BodyCapError,
  authorised: null,
  modelKnown: null
})

/** A redirect proves nothing (not even the key): it is never followed, and said as it is. */
function redirected(answer: EndpointAnswer): EndpointCheck {
  const to = answer.location ? ` to ${answer.location.slice(0, 200)}` : ''
  return {
    ok: false,
    reachable: true,
    authorised: null,
    modelKnown: null,
    detail: `answered a redirect (HTTP ${answer.status})${to}: check the URL`
  }
}

function notAuthorised(answer: EndpointAnswer, apiKey: string | undefined): EndpointCheck {
  const said = redact(serverMessage(answer.body), apiKey)
  return {
    ok: false,
    reachable: true,
    authorised: false,
    modelKnown: null,
    detail: `not authorised (HTTP ${answer.status})${said ? `: ${said}` : ''}${apiKey ? '' : ' — no API key set'}`
  }
}

export async function checkEndpoint(o: EndpointCheckInput): Promise<EndpointCheck> {
  const timeoutMs = endpointTimeoutSeconds(o, CHECK_TIMEOUT_SECONDS) * 1000
  const label = endpointLabel(o.baseUrl)
  let answer: EndpointAnswer
  try {
    answer = await endpointFetch(
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
    return { ...notAnswered(error), detail: `${label}: ${oneLineError(error)}` }
  }
  const prefix = (check: EndpointCheck): EndpointCheck => ({
    ...check,
    detail: `${label}: ${check.detail}`
  })
  if (answer.status >= 300 && answer.status < 400) return prefix(redirected(answer))
  if (answer.status === 401 || answer.status === 403) return prefix(notAuthorised(answer, o.apiKey))
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
