// Retry (History) and "Transcribe again" (the job page): a new job for the same file. For whisper
// the model is chosen among the installed ones, so a job that failed on a missing or wrong model
// is retried with another instead of repeating the mistake.
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { JobRow } from '@shared/domain'
import { retryJob } from '../store/jobActions'
import { addNotice } from '../store/noticesStore'
import { useSettingsStore } from '../store/settingsStore'

async function retryAndSay(row: JobRow, model: string | undefined): Promise<void> {
  const id = await retryJob(row.id, model)
  if (id !== undefined)
    addNotice(
      'info',
      `Job #${id} transcribes ${row.filename} again; it is in the Transcribe queue.`
    )
}

export function RetryControl({ row, label }: { row: JobRow; label: string }): React.JSX.Element {
  const models = useSettingsStore(
    useShallow((s) => s.engines.find((e) => e.name === row.engine)?.models ?? [])
  )
  const whisper = row.engine === 'whisper'
  const initial = models.includes(row.model) ? row.model : (models.at(0) ?? row.model)
  const [model, setModel] = useState(initial)
  const shown = models.includes(model) || model === row.model ? model : initial
  return (
    <span className="retry-control">
      {whisper && (
        <select
          aria-label={`Model for ${label.toLowerCase()}`}
          value={shown}
          onChange={(e) => setModel(e.target.value)}
          data-testid={`retry-model-${row.id}`}
        >
          {!models.includes(row.model) && (
            <option value={row.model}>{`${row.model || 'default'} (not installed)`}</option>
          )}
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        onClick={() => void retryAndSay(row, whisper ? shown : undefined)}
        data-testid={`retry-${row.id}`}
      >
        {label}
      </button>
    </span>
  )
}
