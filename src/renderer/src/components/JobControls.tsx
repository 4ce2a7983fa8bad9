// The Job page's controls: Stop and keep running in the background (when the page is left) while
// the job is queued or running; Resume for a failed or stopped job with finished chunks.
import { useState } from 'react'
import type { JobRow } from '@shared/domain'
import { isTerminal } from '../store/jobsStore'
import { setKeepInBackground, stopJob } from '../store/jobActions'
import { ResumeButton } from './ResumeButton'

export function JobControls({ row }: { row: JobRow }): React.JSX.Element {
  const id = row.id
  const done = isTerminal(row)
  const [stopping, setStopping] = useState(false)
  // Shows the user's choice at once while the host confirms it (then the row is the truth again).
  const [keepRequested, setKeepRequested] = useState<boolean | null>(null)
  const onStop = (): void => {
    setStopping(true)
    void stopJob(id).finally(() => setStopping(false))
  }
  if (done)
    return (
      <div className="job-actions">
        <ResumeButton row={row} testId="resume-button" />
      </div>
    )
  return (
    <div className="job-actions">
      <button className="danger" onClick={onStop} disabled={stopping} data-testid="stop-button">
        {stopping ? 'Stopping…' : 'Stop'}
      </button>
      <label className="check">
        <input
          type="checkbox"
          checked={keepRequested ?? row.keep_in_background === 1}
          disabled={keepRequested !== null}
          onChange={(e) => {
            setKeepRequested(e.target.checked)
            void setKeepInBackground(id, e.target.checked).finally(() => setKeepRequested(null))
          }}
          data-testid="keep-in-background"
        />
        Keep running in background (do not stop when I leave this page)
      </label>
    </div>
  )
}
