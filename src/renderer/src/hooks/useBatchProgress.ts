// The queue's batch as the host counts it (jobs.batch: one aggregate, whatever the queue's size),
// asked again when a job enters or leaves the queue (at most every REFRESH_AFTER_MS) and every
// ETA_REFRESH_MS while jobs run, so the time left follows their progress.
import { useEffect, useState } from 'react'
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
  useEffect(() => {
    let live = true
    const load = (): void => {
      getApi()
        .jobs.batch({})
        .then((batch) => {
          if (live) setState({ batch })
        })
        .catch((err: unknown) => {
          if (live) setState({ error: oneLineError(err) })
        })
    }
    const soon = setTimeout(load, REFRESH_AFTER_MS)
    const every = setInterval(load, ETA_REFRESH_MS)
    return () => {
      live = false
      clearTimeout(soon)
      clearInterval(every)
    }
  }, [unfinished])
  return state
}
