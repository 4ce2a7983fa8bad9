// The queue's batch as the host counts it (jobs.batch: one aggregate, whatever the queue's size),
// asked again REFRESH_AFTER_MS after a job enters or leaves the queue, and every ETA_REFRESH_MS
// whatever happens (so the time left follows the jobs' progress, and a queue that changes all the
// time is still counted).
import { useCallback, useEffect, useRef, useState } from 'react'
import type { BatchProgress } from '@shared/domain'
import { oneLineError } from '@shared/errors'
import { useJobsStore } from '../store/jobsStore'
import { getApi } from '../transport/getApi'

const REFRESH_AFTER_MS = 300
const ETA_REFRESH_MS = 5_000

export type BatchState = { batch: BatchProgress } | { error: string } | null

export function useBatchProgress(): BatchState {
  const unfinished = useJobsStore((s) => s.unfinished)
  const [state, setState] = useState<BatchState>(null)
  const live = useRef(true)
  const load = useCallback((): void => {
    getApi()
      .jobs.batch({})
      .then((batch) => {
        if (live.current) setState({ batch })
      })
      .catch((err: unknown) => {
        if (live.current) setState({ error: oneLineError(err) })
      })
  }, [])
  useEffect(() => {
    live.current = true
    const every = setInterval(load, ETA_REFRESH_MS)
    return () => {
      live.current = false
      clearInterval(every)
    }
  }, [load])
  useEffect(() => {
    const soon = setTimeout(load, REFRESH_AFTER_MS)
    return () => clearTimeout(soon)
  }, [unfinished, load])
  return state
}
