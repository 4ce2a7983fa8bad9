// Settings → Endpoints → Edit (every field, the key included) and Enable/Disable: the endpoint
// keeps its id, so its key's name (endpoint-<id>) and the jobs that named it stay valid.
import {
  endpointUrlProblem,
  withEndpointScheme,
  type EndpointChange,
  type SavedEndpoint
} from '@shared/endpoints'
import { oneLineError } from '@shared/errors'
import { keyRefOf, type EndpointRepository } from '../endpoints/endpointRepository'
import type { SecretStore } from '../secrets/secretStore'

interface EndpointDeps {
  endpoints: EndpointRepository
  secrets: SecretStore
}

function sameAsAnother(d: EndpointDeps, id: number, baseUrl: string, model: string): boolean {
  return d.endpoints.list().some((e) => e.id !== id && e.baseUrl === baseUrl && e.model === model)
}

export function updateEndpoint(d: EndpointDeps, change: EndpointChange): SavedEndpoint {
  const { apiKey, ...fields } = change
  const saved = d.endpoints.get(change.id)
  if (!saved) throw new Error(`endpoint ${change.id} does not exist`)
  const problem = fields.baseUrl === undefined ? null : endpointUrlProblem(fields.baseUrl)
  if (problem) throw new Error(`endpoint refused: ${problem}`)
  const baseUrl = withEndpointScheme(fields.baseUrl ?? saved.baseUrl)
  const model = fields.model ?? saved.model
  if (sameAsAnother(d, saved.id, baseUrl, model))
    throw new Error(`another saved endpoint is already ${baseUrl} with model ${model}`)
  const key = apiKey === undefined ? undefined : (apiKey ?? '').trim()
  if (key !== undefined) {
    try {
      if (key === '') d.secrets.delete(keyRefOf(saved.id))
      else d.secrets.set(keyRefOf(saved.id), key)
    } catch (error) {
      throw new Error(`could not store the API key: ${oneLineError(error)}`)
    }
  }
  const updated = d.endpoints.update(fields, key === undefined ? undefined : key !== '')
  if (!updated) throw new Error(`endpoint ${change.id} does not exist`)
  return updated
}
