// The watch folders as Settings → Watch folders shows them: the list (reloaded after each change
// and refreshed by the host's `watch.status` events), adding, pausing and removing one, each
// failure as a one-line reason.
import { useEffect } from 'react'
import type { WatchFolderInput, WatchFolderView } from '@shared/watch'
import { getApi } from '../transport/getApi'
import { useHostList } from './useHostList'

export interface WatchFolders {
  folders: WatchFolderView[]
  error: string | null
  /** Adds one; the reason it was refused, or null. */
  add: (input: WatchFolderInput) => Promise<string | null>
  setPaused: (id: number, paused: boolean) => Promise<void>
  remove: (id: number) => Promise<void>
}

export function useWatchFolders(): WatchFolders {
  const list = useHostList(() => getApi().watch.list({}))
  const { setItems, act, attempt } = list
  // Statuses arrive as they change; a folder's row keeps its options and takes the new status.
  useEffect(
    () =>
      getApi().on('watch.status', (statuses) => {
        const byId = new Map(statuses.map((s) => [s.folderId, s]))
        setItems((now) => now?.map((f) => ({ ...f, status: byId.get(f.id) ?? f.status })) ?? null)
      }),
    [setItems]
  )
  return {
    folders: list.items ?? [],
    error: list.error,
    add: (input) => attempt(() => getApi().watch.add(input)),
    setPaused: (id, paused) => act(() => getApi().watch.setPaused({ id, paused })),
    remove: (id) => act(() => getApi().watch.remove({ id }))
  }
}
