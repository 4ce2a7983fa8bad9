// The question before a dropped or chosen folder's files become jobs: how many, from where, how
// many other files are skipped (lib/folderIntake.ts words it). Add or Cancel; Esc cancels.
import { folderQuestion, type IntakePlan } from '../lib/folderIntake'
import { DialogFrame } from './DialogFrame'

export function FolderDialog(props: {
  plan: IntakePlan
  onAdd: () => void
  onCancel: () => void
}): React.JSX.Element {
  const { title, message } = folderQuestion(props.plan)
  return (
    <DialogFrame
      role="dialog"
      idPrefix="folder"
      title={title}
      message={message}
      onEscape={props.onCancel}
      testId="folder-dialog"
    >
      <button onClick={props.onCancel} data-testid="folder-cancel">
        Cancel
      </button>
      <button className="primary" data-autofocus onClick={props.onAdd} data-testid="folder-add">
        Add
      </button>
    </DialogFrame>
  )
}
