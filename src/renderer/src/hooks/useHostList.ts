// A list the host keeps (saved voices, watch folders, endpoints) as a Settings section shows it:
// loaded when the section opens, loaded again after each change, a failure as a one-line reason.
import { useCallback, useEffect, useRef, useState } from 'react'
import { oneLineError } from '@shared/errors'

export interface HostList<T> {
  /** null until the first load has answered. */
  items: T[] | null
  setItems: React.Dispatch<React.SetStateAction<T[] | null>>
  /** Why the last load or `act` failed; null again once a load succeeds. */
  error: string | null
  reload: () => Promise<void>
  /** Makes a change, then loads the list again; a failure becomes `error`. */
  act: (change: () => Promise<unknown>) => Promise<void>
  /**
   * Makes a change (then loads the list again unless `reload` is false); the reason it was
   * refused, or null. For a form that shows the reason beside itself.
   */
  attempt: (change: () => Promise<unknown>, reload?: boolean) => Promise<string | null>
}

export function useHostList<T>(load: () => Promise<T[]>): HostList<T> {
  const [items, setItems] = useState<T[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  // The caller passes a new function on every render; the first one is the one it means.
  const loadRef = useRef(load)
  const reload = useCallback(async (): Promise<void> => {
    try {
      setItems(await loadRef.current())
      setError(null)
    } catch (err) {
      setError(oneLineError(err))
    }
  }, [])
  useEffect(() => void reload(), [reload])
  const act = async (change: () => Promise<unknown>): Promise<void> => {
    try {
      await change()
      await reload()
    } catch (err) {
      setError(oneLineError(err))
    }
  }
  const attempt = async (change: () => Promise<unknown>, again = true): Promise<string | null> => {
    try {
      await change()
      if (again) await reload()
      return null
    } catch (err) {
      return oneLineError(err)
    }
  }
  return { items, setItems, error, reload, act, attempt }
}
