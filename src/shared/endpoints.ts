// Endpoints: transcription servers that answer OpenAI's `POST /v1/audio/transcriptions`.
// The API key is never part of these shapes: it lives in a SecretStore (a 0600 file, or Electron's
// safeStorage) and reaches the pipeline through its environment, named by `keyRef`.
import { z } from 'zod'

export const DEFAULT_ENDPOINT_MODEL = 'whisper-1'

/**
 * The URL as typed, with http:// in front when it names no scheme: `gpu-box:8000` is what people
 * type for a box on their network, and `new URL` would read `gpu-box:` as the scheme.
 */
export function withEndpointScheme(raw: string): string {
  const trimmed = raw.trim()
  return trimmed === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`
}

/** A one-line reason the URL is refused, or null when it is usable. */
export function endpointUrlProblem(raw: string): string | null {
  let url: URL
  try {
    url = new URL(withEndpointScheme(raw))
  } catch {
    return `not a URL: '${raw.slice(0, 200)}'`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `only http:// and https:// endpoints are supported, not ${url.protocol}//`
  }
  if (url.username || url.password) {
    return 'the URL must not contain credentials: give the API key separately (it is stored apart)'
  }
  if (url.search || url.hash) {
    return 'the URL must not contain a query or fragment: give the server root or its /v1 path'
  }
  return null
}

/** Host and path, for logs and the UI (never a key: URLs with credentials are refused). */
export function endpointLabel(baseUrl: string): string {
  try {
    const url = new URL(baseUrl)
    const path = url.pathname.replace(/\/+$/, '')
    return `${url.host}${path}`
  } catch {
    return baseUrl
  }
}

const BaseUrlSchema = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = endpointUrlProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
  .transform(withEndpointScheme)

/** Seconds one request may take when neither the endpoint nor the job says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 300

const TIMEOUT_RULE = 'a request timeout is whole seconds from 1 to 86400'

/**
 * Seconds one request to an endpoint may take, upload to last byte: whole seconds, 1 s to a day. The one
 * rule for the endpoint's, the job's and the pipeline's timeout, and for what the CLI and the
 * Settings form accept.
 */
export const RequestTimeoutSecondsSchema = z
  .number({ error: TIMEOUT_RULE })
  .int({ error: TIMEOUT_RULE })
  .min(1, { error: TIMEOUT_RULE })
  .max(86_400, { error: TIMEOUT_RULE })

/**
 * Seconds one request to this endpoint may take: its own saved timeout, else `fallback` (the
 * job's, which defaults to DEFAULT_REQUEST_TIMEOUT_SECONDS; a Test passes its own short one).
 */
export function endpointTimeoutSeconds(
  endpoint: { timeoutSeconds?: number | null },
  fallback: number = DEFAULT_REQUEST_TIMEOUT_SECONDS
): number {
  return endpoint.timeoutSeconds ?? fallback
}

/**
 * A typed timeout (a form field, a CLI value): empty is the default (no seconds), anything else
 * must pass RequestTimeoutSecondsSchema or comes back as a one-line problem.
 */
export function parseRequestTimeout(text: string): { seconds?: number; problem?: string } {
  const trimmed = text.trim()
  if (trimmed === '') return {}
  const parsed = RequestTimeoutSecondsSchema.safeParse(
    /^\d+$/.test(trimmed) ? Number(trimmed) : NaN
  )
  return parsed.success
    ? { seconds: parsed.data }
    : { problem: `${TIMEOUT_RULE}, not '${trimmed.slice(0, 40)}'` }
}

/** What a job needs to use one endpoint (the key is looked up by keyRef, never carried here). */
export const EndpointRefSchema = z
  .object({
    baseUrl: BaseUrlSchema,
    model: z.string().min(1).max(256),
    concurrency: z.number().int().min(1).max(64),
    /** Seconds one request may take, upload to last byte; absent = the job's (default 300 s). */
    timeoutSeconds: RequestTimeoutSecondsSchema.optional(),
    /** Name of the key in the SecretStore; absent = no key sent. */
    keyRef: z.string().max(128).optional()
  })
  .strict()
export type EndpointRef = z.infer<typeof EndpointRefSchema>

/** A saved endpoint (Settings → Endpoints), as the renderer sees it. */
export const SavedEndpointSchema = z.object({
  id: z.number().int(),
  baseUrl: z.string(),
  model: z.string(),
  concurrency: z.number().int(),
  /** Seconds a request may take; null = the job's default. */
  timeoutSeconds: RequestTimeoutSecondsSchema.nullable(),
  hasKey: z.boolean(),
  /** Off = kept with its key, but no new job uses it. */
  enabled: z.boolean()
})
export type SavedEndpoint = z.infer<typeof SavedEndpointSchema>

/** Adding an endpoint: the key travels once, from the form to the SecretStore. */
export const NewEndpointSchema = z
  .object({
    baseUrl: BaseUrlSchema,
    model: z.string().trim().min(1).max(256),
    concurrency: z.number().int().min(1).max(64),
    /** Seconds one request may take; absent = the job's default. */
    timeoutSeconds: RequestTimeoutSecondsSchema.optional(),
    apiKey: z.string().max(4096).optional()
  })
  .strict()
export type NewEndpoint = z.infer<typeof NewEndpointSchema>

/**
 * Editing a saved endpoint: any field; the key is kept when absent, replaced when given, removed
 * when null (or empty).
 */
export const EndpointChangeSchema = z
  .object({
    id: z.number().int().positive(),
    baseUrl: BaseUrlSchema.optional(),
    model: z.string().trim().min(1).max(256).optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    timeoutSeconds: RequestTimeoutSecondsSchema.nullable().optional(),
    apiKey: z.string().max(4096).nullable().optional(),
    enabled: z.boolean().optional()
  })
  .strict()
export type EndpointChange = z.infer<typeof EndpointChangeSchema>

/** The result of testing an endpoint: one line per check. */
export interface EndpointCheck {
  ok: boolean
  reachable: boolean
  authorised: boolean | null
  modelKnown: boolean | null
  /** One line a user can read. */
  detail: string
}

/** A request to an endpoint in flight, as the job page lists it. */
export const EndpointRequestSchema = z.object({
  endpoint: z.string(),
  /** 1-based chunk number. */
  chunk: z.number().int().positive(),
  /** Epoch ms. */
  startedAt: z.number()
})
export type EndpointRequest = z.infer<typeof EndpointRequestSchema>
