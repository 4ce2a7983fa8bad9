// Where files come in: drag and drop (many at once, folders too), the file picker or the folder
// picker (a folder's media files, confirmed first: lib/folderIntake.ts).
import { useState } from 'react'
import {
  candidatesFromDataTransfer,
  candidatesFromFileList,
  candidatesFromFolderList,
  type Candidate
} from '../lib/fileSubmission'

export function DropZone(props: {
  /** fromFolder: what the folder picker gave (nothing at all for an empty folder). */
  onFiles: (files: Candidate[], fromFolder?: boolean) => void
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
        <strong>Drop audio or video files or folders here</strong>
        <br />
        <span className="muted">as many as you like; each file becomes its own job</span>
      </p>
      <div className="button-pair">
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
        <label className="button">
          Choose folder…
          <input
            type="file"
            // React has no prop for it: the DOM property makes this a folder picker.
            ref={(input) => {
              if (input) input.webkitdirectory = true
            }}
            className="visually-hidden"
            data-testid="folder-input"
            aria-label="Choose a folder to transcribe"
            onChange={(e) => {
              props.onFiles(candidatesFromFolderList(e.target.files), true)
              e.target.value = ''
            }}
          />
        </label>
      </div>
      {props.busy && (
        <p className="muted" role="status">
          Adding files…
        </p>
      )}
    </div>
  )
}
