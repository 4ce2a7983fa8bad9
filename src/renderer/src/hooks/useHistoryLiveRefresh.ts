// History shows a query's page, not the live store: live events (a job finishing, one created
// elsewhere) refresh that page, at most every LIVE_REFRESH_MS.
import { useEffect, useRef } from 'react'
import { useJobsStore } from '../store/jobsStore'
import { refreshHistory } from '../store/historyStore'

const LIVE_REFRESH_MS = 400

export function useHistoryLiveRefresh(): void {
  const jobs = useJobsStore((s) => s.byId)
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const timer = setTimeout(() => void refreshHistory(), LIVE_REFRESH_MS)
    return () => clearTimeout(timer)
  }, [jobs])
}
