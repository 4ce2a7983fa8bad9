// The job a Job page shows: watched live (status, log) while the page is open, and looked up
// once from the host if the store does not have it yet (a link opened directly).
import { useEffect, useState } from 'react'
import type { JobRow } from '@shared/domain'
import { getApi } from '../transport/getApi'
import { upsertJob, useJobsStore } from '../store/jobsStore'
import { closeLogView } from '../store/logsStore'
import { watchJob } from '../store/jobActions'

export function useWatchedJob(id: number): {
  row: JobRow | undefined
  /** Without a row: still asking the host, or it has no such job. */
  lookup: 'pending' | 'missing'
} {
  const row = useJobsStore((s) => s.byId[id])
  const [lookup, setLookup] = useState<'pending' | 'missing'>('pending')

  useEffect(() => {
    void watchJob(id)
    return () => closeLogView(id)
  }, [id])

  useEffect(() => {
    if (row) return
    let live = true
    getApi()
      .jobs.get({ id })
      .then((found) => {
        if (!live) return
        if (found) upsertJob(found)
        else setLookup('missing')
      })
      .catch(() => live && setLookup('missing'))
    return () => {
      live = false
    }
  }, [id, row])

  return { row, lookup }
}
