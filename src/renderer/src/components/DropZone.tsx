// Where files come in: drag and drop (many at once) or the file picker.
import { useState } from 'react'
import {
  candidatesFromDataTransfer,
  candidatesFromFileList,
  type Candidate
} from '../lib/fileSubmission'

export function DropZone(props: {
  onFiles: (files: Candidate[]) => void
  busy: boolean
}): React.JSX.Element {
  const [over, setOver] = useState(false)
  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault()
        e.dataTransfer.dropEffect = 'copy'
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault()
        setOver(false)
        props.onFiles(candidatesFromDataTransfer(e.dataTransfer))
      }}
    >
      <p>
        <strong>Drop audio or video files here</strong>
        <br />
        <span className="muted">as many as you like; each becomes its own job</span>
      </p>
      <label className="button">
        Choose files…
        <input
          type="file"
          multiple
          className="visually-hidden"
          data-testid="file-input"
          aria-label="Choose files to transcribe"
          onChange={(e) => {
            props.onFiles(candidatesFromFileList(e.target.files))
            // Reset so choosing the same file again still fires a change.
            e.target.value = ''
          }}
        />
      </label>
      {props.busy && (
        <p className="muted" role="status">
          Adding files…
        </p>
      )}
    </div>
  )
}
