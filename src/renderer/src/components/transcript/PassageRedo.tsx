// "Transcribe again": a checkbox on each segment selects the passage; the bar under the tools
// then offers another engine, model or language (the endpoint engine: the saved endpoints) and runs the
// passage as a job of its own, with Stop and a link to its log. Its words replace the passage
// when it completes (Undo brings the old ones back); stopped or failed, nothing changes.
import { useEffect, useState } from 'react'
import { clockText } from '@shared/clockText'
import { ENDPOINT_ENGINE, ENGINE_NAMES, isTerminalStatus, type EngineName } from '@shared/domain'
import { routeHash } from '../../lib/route'
import { getApi } from '../../transport/getApi'
import { useJobsStore } from '../../store/jobsStore'
import { useSettingsStore } from '../../store/settingsStore'
import {
  redoEnded,
  selectedPassage,
  startRedo,
  toggleSegment,
  usePassageStore
} from '../../store/passageStore'

export function PassageCheck({
  index,
  start
}: {
  index: number
  start: number
}): React.JSX.Element {
  const checked = usePassageStore((s) => s.selected.includes(index))
  return (
    <input
      type="checkbox"
      className="passage-check"
      tabIndex={-1}
      data-line-stop
      checked={checked}
      onChange={(e) => toggleSegment(index, e.target.checked)}
      aria-label={`Select the segment at ${clockText(start)} to transcribe again`}
      data-testid={`passage-check-${index}`}
    />
  )
}

export function PassageRedoBar(): React.JSX.Element | null {
  const { selected, redoId, problem } = usePassageStore()
  const [open, setOpen] = useState(false)
  const redo = useJobsStore((s) => (redoId === null ? undefined : s.byId[redoId]))
  useEffect(() => {
    if (redo && isTerminalStatus(redo.status)) void redoEnded(redo)
  }, [redo])
  const passage = selected.length > 0 ? selectedPassage() : null
  if (redoId !== null) {
    const progress = redo?.status === 'processing' ? ` ${Math.round(redo.progress * 100)}%` : ''
    return (
      <div className="passage-bar" data-testid="passage-running" role="status">
        <span>
          Transcribing again (job {redoId}): {redo?.status ?? 'queued'}
          {progress}
        </span>
        <button onClick={() => void getApi().jobs.stop({ id: redoId })} data-testid="passage-stop">
          Stop
        </button>
        <a href={routeHash({ page: 'job', id: redoId })}>Its log</a>
      </div>
    )
  }
  if (!passage && !problem) return null
  return (
    <div className="passage-bar" data-testid="passage-bar">
      {passage && (
        <span data-testid="passage-span">
          {selected.length} segment{selected.length === 1 ? '' : 's'} selected:{' '}
          {clockText(passage.from)}–{clockText(passage.to)}
        </span>
      )}
      {passage && !open && (
        <button onClick={() => setOpen(true)} data-testid="passage-open">
          Transcribe again…
        </button>
      )}
      {problem && (
        <span className="reason" data-testid="passage-problem">
          {problem}
        </span>
      )}
      {passage && open && <RedoForm onDone={() => setOpen(false)} />}
    </div>
  )
}

function RedoForm({ onDone }: { onDone: () => void }): React.JSX.Element {
  const settings = useSettingsStore((s) => s.settings)
  const engines = useSettingsStore((s) => s.engines)
  const [engine, setEngine] = useState<EngineName>(settings?.engine ?? 'pocketsphinx')
  const [model, setModel] = useState('')
  const [language, setLanguage] = useState('auto')
  return (
    <form
      className="passage-form"
      onSubmit={(e) => {
        e.preventDefault()
        onDone()
        void startRedo({ engine, model, language: language.trim().toLowerCase() || 'auto' })
      }}
    >
      <label>
        Engine{' '}
        <select
          value={engine}
          onChange={(e) => setEngine(e.target.value as EngineName)}
          data-testid="passage-engine"
        >
          {ENGINE_NAMES.map((name) => (
            <option key={name} value={name}>
              {engines.find((x) => x.name === name)?.available === false
                ? `${name} (not available)`
                : name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Model{' '}
        <input
          value={model}
          placeholder="default"
          onChange={(e) => setModel(e.target.value)}
          data-testid="passage-model"
        />
      </label>
      <label>
        Language{' '}
        <input
          value={language}
          size={5}
          onChange={(e) => setLanguage(e.target.value)}
          data-testid="passage-language"
        />
      </label>
      <button type="submit" className="primary" data-testid="passage-start">
        Start
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {engine === ENDPOINT_ENGINE && <span className="muted small">uses the saved endpoints</span>}
    </form>
  )
}
