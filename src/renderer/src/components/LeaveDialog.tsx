// "N jobs are running": asked before a page switch would stop this page's jobs. Esc = Stay.
import { useLeaveStore } from '../store/leaveStore'
import {
  answerKeepRunning,
  answerStay,
  answerStopAndLeave,
  discardAndLeave,
  keepEditing
} from '../store/navigation'
import { ConfirmDialog } from './ConfirmDialog'
import { useFocusTrap } from '../hooks/useFocusTrap'

export function LeaveDialog(): React.JSX.Element | null {
  const prompt = useLeaveStore((s) => s.prompt)
  const unsaved = useLeaveStore((s) => s.unsaved)
  if (unsaved)
    return (
      <ConfirmDialog
        title="Discard unsaved changes?"
        message="Your changes on this page have not been saved. Leave and lose them, or stay and save them."
        confirmLabel="Discard and leave"
        cancelLabel="Keep editing"
        onConfirm={discardAndLeave}
        onCancel={keepEditing}
      />
    )
  if (!prompt) return null
  return <LeaveQuestion count={prompt.jobIds.length} />
}

function LeaveQuestion({ count }: { count: number }): React.JSX.Element {
  const ref = useFocusTrap<HTMLDivElement>(answerStay)
  const jobs = count === 1 ? '1 job is running' : `${count} jobs are running`
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="leave-title"
        aria-describedby="leave-message"
        data-testid="leave-dialog"
      >
        <h2 id="leave-title">{jobs}</h2>
        <p id="leave-message">
          Leaving this page stops {count === 1 ? 'it' : 'them'}, unless you keep{' '}
          {count === 1 ? 'it' : 'them'} running in the background.
        </p>
        <div className="actions">
          <button data-autofocus onClick={answerStay} data-testid="leave-stay">
            Stay
          </button>
          <button className="danger" onClick={answerStopAndLeave} data-testid="leave-stop">
            Stop {count === 1 ? 'it' : 'them'} and leave
          </button>
          <button onClick={() => void answerKeepRunning()} data-testid="leave-keep">
            Keep {count === 1 ? 'it' : 'them'} running
          </button>
        </div>
      </div>
    </div>
  )
}
