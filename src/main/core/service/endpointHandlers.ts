// Settings → Endpoints and the endpoints of each job. Keys go to the SecretStore (never the DB,
// a job row, an event or an error message) and are handed to a job's pipeline only through its
// environment, and only for the URL they were saved with: a job naming `endpoint-3` with another
// host gets no key.
import { endpointUrlProblem, withEndpointScheme, type EndpointRef } from '@shared/endpoints'
import { ENDPOINT_ENGINE, type JobOptions, type JobRow } from '@shared/domain'
import type { RequestHandlers } from '@shared/ipc/contract'
import { checkEndpoint } from '../../engines/endpointCheck'
import { ENDPOINT_SETUP_HINT } from '../../engines/endpointEngine'
import { ENDPOINT_KEYS_ENV, ENV_KEY_REF } from '../../pipeline/endpointKeys'
import { EndpointRefSchema } from '@shared/endpoints'
import { keyRefOf, type EndpointRepository } from '../endpoints/endpointRepository'
import type { SecretStore } from '../secrets/secretStore'
import { oneLineError } from '@shared/errors'
import { updateEndpoint } from './endpointUpdate'

export interface EndpointDeps {
  endpoints: EndpointRepository
  secrets: SecretStore
  /** The CLI passes TRANSCRIPTOR_API_KEY through its environment (keyRef 'env'). */
  envKeyAllowed: boolean
}

type EndpointChannels =
  'endpoints.list' | 'endpoints.add' | 'endpoints.update' | 'endpoints.remove' | 'endpoints.test'

export function endpointHandlers(d: EndpointDeps): Pick<RequestHandlers, EndpointChannels> {
  return {
    'endpoints.list': async () => d.endpoints.list(),
    'endpoints.add': async ({ apiKey, ...endpoint }) => {
      const problem = endpointUrlProblem(endpoint.baseUrl)
      if (problem) throw new Error(`endpoint refused: ${problem}`)
      const exists = d.endpoints
        .list()
        .some(
          (e) => e.baseUrl === withEndpointScheme(endpoint.baseUrl) && e.model === endpoint.model
        )
      if (exists)
        throw new Error(
          `endpoint ${endpoint.baseUrl} with model ${endpoint.model} is already saved: use its Edit to change it`
        )
      const key = apiKey?.trim() ?? ''
      const saved = d.endpoints.add(endpoint, key !== '')
      if (key) {
        try {
          d.secrets.set(keyRefOf(saved.id), key)
        } catch (error) {
          d.endpoints.remove(saved.id)
          throw new Error(`could not store the API key: ${oneLineError(error)}`)
        }
      }
      return saved
    },
    'endpoints.update': async (change) => updateEndpoint(d, change),
    'endpoints.remove': async ({ id }) => {
      const removed = d.endpoints.remove(id)
      d.secrets.delete(keyRefOf(id))
      return { removed }
    },
    'endpoints.test': async ({ id }) => {
      const saved = d.endpoints.get(id)
      if (!saved) throw new Error(`endpoint ${id} does not exist`)
      return checkEndpoint({
        baseUrl: saved.baseUrl,
        model: saved.model,
        apiKey: saved.hasKey ? (d.secrets.get(keyRefOf(id)) ?? undefined) : undefined,
        timeoutSeconds: saved.timeoutSeconds
      })
    }
  }
}

/** The endpoints a new job uses: the ones given, else every saved one that is enabled for the
 * endpoint engine, or for a local engine asked to share its chunks with them (refused when none is
 * saved, or all are disabled). */
export function endpointsForJob(d: EndpointDeps, options: JobOptions): EndpointRef[] {
  if (options.endpoints?.length) return options.endpoints
  const local = options.engine !== ENDPOINT_ENGINE
  if (local && options.alsoEndpoints !== true) return []
  const all = d.endpoints.list()
  const saved = all.filter((e) => e.enabled)
  // Refused before a job exists, not failed once it runs (the pipeline says the same).
  if (!local && all.length === 0) throw new Error(ENDPOINT_SETUP_HINT)
  if (all.length > 0 && saved.length === 0) throw new Error(ALL_ENDPOINTS_DISABLED)
  if (local && saved.length === 0) throw new Error(NO_ENDPOINTS_TO_SHARE)
  return saved.map((e) => ({
    baseUrl: e.baseUrl,
    model: e.model,
    concurrency: e.concurrency,
    ...(e.timeoutSeconds !== null && { timeoutSeconds: e.timeoutSeconds }),
    ...(e.hasKey && { keyRef: keyRefOf(e.id) })
  }))
}

export const NO_ENDPOINTS_TO_SHARE =
  'no endpoint is saved to share the job with: add one in Settings → Endpoints, or untick "Also send chunks to the saved endpoints"'

export const ALL_ENDPOINTS_DISABLED =
  'every saved endpoint is disabled: enable one in Settings → Endpoints, or choose a local engine'

/** The options with the endpoints the job will use; a key reference only where it is allowed. */
export function withEndpoints(d: EndpointDeps, options: JobOptions): JobOptions {
  const endpoints = endpointsForJob(d, options).map((e) =>
    e.keyRef === ENV_KEY_REF && !d.envKeyAllowed ? { ...e, keyRef: undefined } : e
  )
  const { endpoints: _given, ...rest } = options
  void _given
  return endpoints.length > 0 ? { ...rest, endpoints } : rest
}

/** The job row's endpoints, or [] for a row without (or with an unreadable) list. */
export function endpointsOfJob(job: Pick<JobRow, 'endpoints'>): EndpointRef[] {
  if (!job.endpoints) return []
  try {
    const parsed = EndpointRefSchema.array().safeParse(JSON.parse(job.endpoints))
    return parsed.success ? parsed.data : []
  } catch {
    return []
  }
}

/** Environment for the job's pipeline: each key it may use, by keyRef (never in argv or spec). */
export function endpointKeysEnv(d: EndpointDeps, endpoints: EndpointRef[]): NodeJS.ProcessEnv {
  const keys: Record<string, string> = {}
  for (const e of endpoints) {
    if (!e.keyRef || e.keyRef === ENV_KEY_REF) continue
    const id = Number(/^endpoint-(\d+)$/.exec(e.keyRef)?.[1])
    const saved = Number.isInteger(id) ? d.endpoints.get(id) : null
    if (!saved || saved.baseUrl !== e.baseUrl) continue
    const key = d.secrets.get(e.keyRef)
    if (key) keys[e.keyRef] = key
  }
  const env: NodeJS.ProcessEnv = {}
  if (Object.keys(keys).length > 0) env[ENDPOINT_KEYS_ENV] = JSON.stringify(keys)
  return env
}

/** Whether the pipeline may use TRANSCRIPTOR_API_KEY from the host's environment. */
export function allowsEnvKey(d: EndpointDeps, endpoints: EndpointRef[]): boolean {
  return d.envKeyAllowed && endpoints.some((e) => e.keyRef === ENV_KEY_REF)
}

/** What the runner adds to a job's pipeline launch: its endpoints and their keys' environment. */
export function endpointLaunch(
  d: EndpointDeps,
  job: Pick<JobRow, 'endpoints'>
): { endpoints: EndpointRef[]; env: NodeJS.ProcessEnv; envKey: boolean } {
  const endpoints = endpointsOfJob(job)
  return { endpoints, env: endpointKeysEnv(d, endpoints), envKey: allowsEnvKey(d, endpoints) }
}
