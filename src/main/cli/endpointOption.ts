// `--endpoint URL[,model=NAME,concurrency=N,timeout=SECONDS]`, repeatable. The key is never on the command line
// (any process listing shows it): it comes from TRANSCRIPTOR_API_KEY, and reaches the pipeline
// through its environment only.
import {
  DEFAULT_ENDPOINT_MODEL,
  endpointUrlProblem,
  parseRequestTimeout,
  type EndpointRef
} from '@shared/endpoints'
import { ENV_KEY_REF } from '../pipeline/endpointKeys'
import { UsageError, type OptionValues } from './command'

export function parseEndpointOption(raw: string, hasEnvKey: boolean): EndpointRef {
  const [url, ...settings] = raw.split(',')
  const problem = endpointUrlProblem(url)
  if (problem) throw new UsageError(`--endpoint ${url}: ${problem}`)
  const endpoint: EndpointRef = {
    baseUrl: url.trim(),
    model: DEFAULT_ENDPOINT_MODEL,
    concurrency: 1
  }
  for (const setting of settings) {
    const [name, value = ''] = setting.split('=')
    if (name === 'model' && value.trim()) endpoint.model = value.trim()
    else if (
      name === 'concurrency' &&
      /^\d+$/.test(value) &&
      Number(value) >= 1 &&
      Number(value) <= 64
    )
      endpoint.concurrency = Number(value)
    else if (name === 'timeout') endpoint.timeoutSeconds = timeoutOption(url, value)
    else
      throw new UsageError(
        `--endpoint ${url}: '${setting}' is not model=NAME, concurrency=N (1..64) or timeout=SECONDS`
      )
  }
  if (hasEnvKey) endpoint.keyRef = ENV_KEY_REF
  return endpoint
}

/** A bad timeout is refused with the shared rule's reason, never clamped into range. */
function timeoutOption(url: string, value: string): number {
  const { seconds, problem } = parseRequestTimeout(value)
  if (seconds !== undefined) return seconds
  throw new UsageError(`--endpoint ${url}: ${problem ?? 'timeout= needs a number of seconds'}`)
}

export function endpointsOption(
  values: OptionValues,
  env: NodeJS.ProcessEnv
): EndpointRef[] | undefined {
  const raw = values.endpoint
  if (raw === undefined) return undefined
  const list = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string')
  return list.map((v) => parseEndpointOption(v, Boolean(env.TRANSCRIPTOR_API_KEY)))
}
