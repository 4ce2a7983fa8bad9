// The saved endpoints as Settings → Endpoints shows them: the list (reloaded after each change),
// and adding, testing and removing one, each failure as a one-line reason.
import { useState } from 'react'
import type { EndpointChange, EndpointCheck, NewEndpoint, SavedEndpoint } from '@shared/endpoints'
import { getApi } from '../transport/getApi'
import { useHostList } from './useHostList'
import { oneLineError } from '@shared/errors'

export interface Endpoints {
  endpoints: SavedEndpoint[]
  loadError: string | null
  /** The last Test of each endpoint, by id. */
  checks: Partial<Record<number, EndpointCheck | 'testing'>>
  reload: () => Promise<void>
  /** Adds one (without reloading); the reason it was refused, or null. */
  add: (endpoint: NewEndpoint) => Promise<string | null>
  test: (id: number) => Promise<void>
  remove: (id: number) => Promise<void>
  /** Edits or enables/disables one, then reloads; the reason it was refused, or null. */
  update: (change: EndpointChange) => Promise<string | null>
}

export function useEndpoints(): Endpoints {
  const { items, error, reload, act, attempt } = useHostList(() => getApi().endpoints.list({}))
  const [checks, setChecks] = useState<Partial<Record<number, EndpointCheck | 'testing'>>>({})
  const test = async (id: number): Promise<void> => {
    setChecks((c) => ({ ...c, [id]: 'testing' }))
    try {
      const check = await getApi().endpoints.test({ id })
      setChecks((c) => ({ ...c, [id]: check }))
    } catch (err) {
      const failed: EndpointCheck = {
        ok: false,
        reachable: false,
        authorised: null,
        modelKnown: null,
        detail: oneLineError(err)
      }
      setChecks((c) => ({ ...c, [id]: failed }))
    }
  }
  return {
    endpoints: items ?? [],
    loadError: error,
    checks,
    reload,
    add: (endpoint) => attempt(() => getApi().endpoints.add(endpoint), false),
    test,
    remove: (id) => act(() => getApi().endpoints.remove({ id })),
    update: (change) => attempt(() => getApi().endpoints.update(change))
  }
}
