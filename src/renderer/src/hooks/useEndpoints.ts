// The saved endpoints as Settings → Endpoints shows them: the list (reloaded after each change),
// and adding, testing and removing one, each failure as a one-line reason.
import { useEffect, useState } from 'react'
import type { EndpointChange, EndpointCheck, NewEndpoint, SavedEndpoint } from '@shared/endpoints'
import { getApi } from '../transport/getApi'
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
  const [endpoints, setEndpoints] = useState<SavedEndpoint[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [checks, setChecks] = useState<Partial<Record<number, EndpointCheck | 'testing'>>>({})

  const reload = async (): Promise<void> => {
    try {
      setEndpoints(await getApi().endpoints.list({}))
      setLoadError(null)
    } catch (err) {
      setLoadError(oneLineError(err))
    }
  }
  useEffect(() => {
    void reload()
  }, [])

  const add = async (endpoint: NewEndpoint): Promise<string | null> => {
    try {
      await getApi().endpoints.add(endpoint)
      return null
    } catch (err) {
      return oneLineError(err)
    }
  }
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
  const remove = async (id: number): Promise<void> => {
    try {
      await getApi().endpoints.remove({ id })
      await reload()
    } catch (err) {
      setLoadError(oneLineError(err))
    }
  }
  const update = async (change: EndpointChange): Promise<string | null> => {
    try {
      await getApi().endpoints.update(change)
      await reload()
      return null
    } catch (err) {
      return oneLineError(err)
    }
  }
  return { endpoints, loadError, checks, reload, add, test, remove, update }
}
