// The polite live region jobs' ends are announced in, and the window title's running count.
import { useEffect } from 'react'
import { useAnnouncementsStore } from '../store/announcements'
import { unfinishedCounts, useJobsStore } from '../store/jobsStore'

export function LiveAnnouncer(): React.JSX.Element {
  const message = useAnnouncementsStore((s) => s.message)
  const serial = useAnnouncementsStore((s) => s.serial)
  const running = useJobsStore((s) => {
    const counts = unfinishedCounts(s)
    return counts.processing + counts.queued
  })
  useEffect(() => {
    document.title = running > 0 ? `(${running} running) Transcriptor` : 'Transcriptor'
  }, [running])
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="live-region">
      <span key={serial}>{message}</span>
    </div>
  )
}
