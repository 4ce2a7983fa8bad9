// The watch folders as Settings → Watch folders shows them: the list (reloaded after each change
// and refreshed by the host's `watch.status` events), adding, pausing and removing one, each
// failure as a one-line reason.
import { useEffect, useState } from 'react'
import { oneLineError } from '@shared/errors'
import type { WatchFolderInput, WatchFolderView } from '@shared/watch'
import { getApi } from '../transport/getApi'

export interface WatchFolders {
  folders: WatchFolderView[]
  error: string | null
  /** Adds one; the reason it was refused, or null. */
  add: (input: WatchFolderInput) => Promise<string | null>
  setPaused: (id: number, paused: boolean) => Promise<void>
  remove: (id: number) => Promise<void>
}

export function useWatchFolders(): WatchFolders {
  const [folders, setFolders] = useState<WatchFolderView[]>([])
  const [error, setError] = useState<string | null>(null)
  const reload = async (): Promise<void> => {
    try {
      setFolders(await getApi().watch.list({}))
      setError(null)
    } catch (err) {
      setError(oneLineError(err))
    }
  }
  useEffect(() => {
    void reload()
    // Statuses arrive as they change; a folder's row keeps its options and takes the new status.
    return getApi().on('watch.status', (statuses) => {
      const byId = new Map(statuses.map((s) => [s.folderId, s]))
      setFolders((now) => now.map((f) => ({ ...f, status: byId.get(f.id) ?? f.status })))
    })
  }, [])
  const act = async (action: () => Promise<unknown>): Promise<void> => {
    try {
      await action()
      await reload()
    } catch (err) {
      setError(oneLineError(err))
    }
  }
  return {
    folders,
    error,
    add: async (input) => {
      try {
        await getApi().watch.add(input)
        await reload()
        return null
      } catch (err) {
        return oneLineError(err)
      }
    },
    setPaused: (id, paused) => act(() => getApi().watch.setPaused({ id, paused })),
    remove: (id) => act(() => getApi().watch.remove({ id }))
  }
}
