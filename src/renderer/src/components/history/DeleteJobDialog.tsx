// Deleting a job from History takes its transcript files and log with it: asked first, in-app.
import type { JobRow } from '@shared/domain'
import { isTerminal } from '../../store/jobsStore'
import { deleteJob } from '../../store/jobActions'
import { refreshHistory, toggleSelected } from '../../store/historyStore'
import { ConfirmDialog } from '../ConfirmDialog'

export function DeleteJobDialog(props: { job: JobRow; onClose: () => void }): React.JSX.Element {
  const { job } = props
  return (
    <ConfirmDialog
      title={`Delete job #${job.id}?`}
      message={`${job.filename}: its transcript files and log will be removed from disk.${isTerminal(job) ? '' : ' The job is still running and will be stopped first.'}`}
      confirmLabel="Delete"
      onCancel={props.onClose}
      onConfirm={() => {
        const id = job.id
        props.onClose()
        void deleteJob(id).then(() => {
          toggleSelected(id, false)
          return refreshHistory()
        })
      }}
    />
  )
}
