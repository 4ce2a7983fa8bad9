// The Job page's controls: Stop, Resume (a failed or stopped job), and keep running in the
// background when the page is left.
import { useState } from 'react'
import type { JobRow } from '@shared/domain'
import { isTerminal } from '../store/jobsStore'
import { resumeJob, setKeepInBackground, stopJob } from '../store/jobActions'

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
  return (
    <div className="job-actions">
      <button
        className="danger"
        onClick={onStop}
        disabled={done || stopping}
        data-testid="stop-button"
      >
        {stopping ? 'Stopping…' : 'Stop'}
      </button>
      {(row.status === 'failed' || row.status === 'cancelled') && (
        <button
          onClick={() => void resumeJob(id)}
          title="Continue from the chunks already transcribed"
          data-testid="resume-button"
        >
          Resume
        </button>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={keepRequested ?? row.keep_in_background === 1}
          disabled={done || keepRequested !== null}
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
