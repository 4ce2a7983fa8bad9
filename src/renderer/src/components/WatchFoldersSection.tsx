// Settings → Watch folders: folders where recordings land, each transcribed with its own options
// and exported to its output folder under a name template. Per folder: what it is doing (watching,
// paused, gone), the batch's progress (done / queued / failed, ETA), Pause/Resume and Remove.
import { useState } from 'react'
import type { OutputFormat, Settings } from '@shared/domain'
import type { WatchFolderView } from '@shared/watch'
import { useWatchFolders } from '../hooks/useWatchFolders'
import { formatDuration } from '../lib/eta'
import { pickJobOptions } from './OptionFields'
import { Field } from './Field'
import { FormatChecks } from './FormatsField'

const STATE_TEXT = { watching: 'Watching', paused: 'Paused', missing: 'Folder gone' } as const
/** The job statuses' badge colours (styles/job.css): watching is fine, paused waits, gone is bad. */
const STATE_BADGE = {
  watching: 'status-completed',
  paused: 'status-cancelled',
  missing: 'status-failed'
} as const

function WatchRow(props: {
  folder: WatchFolderView
  onPause: (paused: boolean) => void
  onRemove: () => void
}): React.JSX.Element {
  const { folder: f } = props
  const c = f.status.counts
  const paused = f.status.state === 'paused'
  return (
    <li data-testid="watch-row" className="watch-row">
      <div>
        <span className={`badge ${STATE_BADGE[f.status.state]}`} data-testid="watch-state">
          {STATE_TEXT[f.status.state]}
        </span>{' '}
        <code className="watch-path">{f.path}</code>
        {f.recursive && <span className="muted"> (with subfolders)</span>}
      </div>
      <div className="muted">
        → <code>{f.outputDir}</code> as {f.nameTemplate} · {f.options.engine}
        {f.options.model ? ` ${f.options.model}` : ''} · {f.options.formats.join(', ')}
      </div>
      <div role="status" data-testid="watch-progress">
        {c.exported} done · {c.queued + c.linked + c.waiting} queued · {c.failed} failed
        {c.skipped > 0 ? ` · ${c.skipped} skipped` : ''}
        {c.queued + c.waiting > 0 ? ` · ETA ${formatDuration(f.status.etaSeconds)}` : ''}
      </div>
      {f.status.message && <div className="reason">{f.status.message}</div>}
      <div className="actions">
        <button type="button" onClick={() => props.onPause(!paused)} data-testid="watch-pause">
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={props.onRemove} data-testid="watch-remove">
          Remove
        </button>
      </div>
    </li>
  )
}

function WatchForm(props: {
  defaults: Settings
  add: ReturnType<typeof useWatchFolders>['add']
}): React.JSX.Element {
  const [path, setPath] = useState('')
  const [outputDir, setOutputDir] = useState('')
  const [nameTemplate, setNameTemplate] = useState('{name}')
  const [recursive, setRecursive] = useState(false)
  const [formats, setFormats] = useState<OutputFormat[]>(props.defaults.formats)
  const [error, setError] = useState<string | null>(null)
  const canAdd = path.trim() !== '' && outputDir.trim() !== '' && formats.length > 0
  const submit = async (): Promise<void> => {
    const options = { ...pickJobOptions(props.defaults), formats }
    const refused = await props.add({
      path: path.trim(),
      outputDir: outputDir.trim(),
      nameTemplate,
      recursive,
      options
    })
    setError(refused)
    if (refused === null) {
      setPath('')
      setOutputDir('')
    }
  }
  return (
    <form
      className="option-grid watch-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (canAdd) void submit()
      }}
    >
      <Field id="watch-path" label="Folder to watch" hint="full path, e.g. /media/recorder/VOICE">
        <input id="watch-path" value={path} onChange={(e) => setPath(e.target.value)} />
      </Field>
      <Field
        id="watch-out"
        label="Output folder"
        hint="transcripts are exported here, never overwritten"
      >
        <input id="watch-out" value={outputDir} onChange={(e) => setOutputDir(e.target.value)} />
      </Field>
      <Field id="watch-name" label="Name template" hint="{name} {date} {engine} {model}">
        <input
          id="watch-name"
          value={nameTemplate}
          onChange={(e) => setNameTemplate(e.target.value)}
        />
      </Field>
      <FormatChecks formats={formats} onChange={setFormats} />
      <label className="check">
        <input
          type="checkbox"
          checked={recursive}
          onChange={(e) => setRecursive(e.target.checked)}
        />
        Include subfolders
      </label>
      <div className="actions">
        <button type="submit" disabled={!canAdd} data-testid="watch-add">
          Add folder
        </button>
        {error && (
          <span className="reason" role="alert" data-testid="watch-add-error">
            {error}
          </span>
        )}
      </div>
    </form>
  )
}

export function WatchFoldersSection(props: { defaults: Settings }): React.JSX.Element {
  const { folders, error, add, setPaused, remove } = useWatchFolders()
  return (
    <section className="page watch-section" aria-labelledby="watch-title">
      <h2 id="watch-title">Watch folders</h2>
      <p className="muted">
        New recordings in these folders are transcribed once they stop growing, with the defaults
        for new jobs ({props.defaults.engine}), and exported to the output folder. A file with the
        same content as one already transcribed is exported again, not re-run.
      </p>
      {error && <p className="reason">{error}</p>}
      <ul className="endpoint-list watch-list" data-testid="watch-list">
        {folders.length === 0 && <li className="muted">No watch folders yet.</li>}
        {folders.map((f) => (
          <WatchRow
            key={f.id}
            folder={f}
            onPause={(paused) => void setPaused(f.id, paused)}
            onRemove={() => void remove(f.id)}
          />
        ))}
      </ul>
      <WatchForm defaults={props.defaults} add={add} />
    </section>
  )
}
