// "N jobs are running": asked before a page switch would stop this page's jobs. Esc = Stay. While
// this window records, the question is about the recording: stop it (kept, and transcribed to the
// end) or keep recording in the background; no answer discards audio.
import { useLeaveStore } from '../store/leaveStore'
import { useJobsStore } from '../store/jobsStore'
import { atStakeTitle } from '../lib/atStakeTitle'
import { useRecordingStore } from '../store/recordingStore'
import {
  answerEndRecordingAndLeave,
  answerKeepRunning,
  answerStay,
  answerStopAndLeave,
  discardAndLeave,
  keepEditing
} from '../store/navigation'
import { ConfirmDialog } from './ConfirmDialog'
import { DialogFrame } from './DialogFrame'

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
  return <LeaveQuestion jobIds={prompt.jobIds} />
}

function RecordingQuestion({ others }: { others: number }): React.JSX.Element {
  const rest =
    others === 0
      ? ''
      : ` ${others === 1 ? '1 other job is' : `${others} other jobs are`} running too: leaving ` +
        `stops ${others === 1 ? 'it' : 'them'} unless you keep everything running.`
  return (
    <DialogFrame
      role="alertdialog"
      idPrefix="leave"
      title="Recording in progress"
      message={`Leaving this page stops the recording; what was recorded is kept and transcribed.${rest}`}
      onEscape={answerStay}
      testId="leave-dialog"
    >
      <button data-autofocus onClick={answerStay} data-testid="leave-stay">
        Stay
      </button>
      <button onClick={() => void answerEndRecordingAndLeave()} data-testid="leave-end-recording">
        Stop recording and leave
      </button>
      <button onClick={() => void answerKeepRunning()} data-testid="leave-keep">
        Keep recording in the background
      </button>
    </DialogFrame>
  )
}

function LeaveQuestion({ jobIds }: { jobIds: number[] }): React.JSX.Element {
  const byId = useJobsStore((s) => s.byId)
  const recording = useRecordingStore((s) => (s.phase === 'idle' ? null : s.jobId))
  if (recording !== null && jobIds.includes(recording))
    return <RecordingQuestion others={jobIds.length - 1} />
  const queued = jobIds.filter((id) => byId[id]?.status === 'queued').length
  const count = jobIds.length
  const jobs = atStakeTitle(count - queued, queued)
  const them = count === 1 ? 'it' : 'them'
  return (
    <DialogFrame
      role="alertdialog"
      idPrefix="leave"
      title={jobs}
      message={`Leaving this page stops ${them}, unless you keep ${them} running in the background.`}
      onEscape={answerStay}
      testId="leave-dialog"
    >
      <button data-autofocus onClick={answerStay} data-testid="leave-stay">
        Stay
      </button>
      <button className="danger" onClick={answerStopAndLeave} data-testid="leave-stop">
        Stop {them} and leave
      </button>
      <button onClick={() => void answerKeepRunning()} data-testid="leave-keep">
        Keep {them} running
      </button>
    </DialogFrame>
  )
}
