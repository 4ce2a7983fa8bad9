// Every setting, validated as you type, saved to the host, used for new jobs.
import { useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { SettingsSchema, type JobOptions, type Settings } from '@shared/domain'
import { getApi } from '../transport/getApi'
import { Field, OptionFields, pickJobOptions } from '../components/OptionFields'
import { fieldErrors, parseNumberInput } from '../lib/formErrors'
import { setSettings, useSettingsStore } from '../store/settingsStore'
import { EndpointsSection } from '../components/EndpointsSection'
import { ModelsSection } from '../components/ModelsSection'
import { guardUnsavedChanges } from '../store/navigation'

export function SettingsPage(): React.JSX.Element {
  const settings = useSettingsStore((s) => s.settings)
  const loadError = useSettingsStore((s) => s.loadError)
  if (!settings)
    return (
      <div className="page">
        {loadError ? (
          <p className="reason">Could not load settings: {loadError}</p>
        ) : (
          <p className="muted">Loading settings…</p>
        )}
      </div>
    )
  return (
    <>
      <SettingsForm saved={settings} />
      <ModelsSection />
      <EndpointsSection />
    </>
  )
}

type Numeric = 'concurrentJobs' | 'orphanTimeoutSeconds' | 'heartbeatIntervalSeconds'

function SettingsForm({ saved }: { saved: Settings }): React.JSX.Element {
  const [draft, setDraft] = useState<Settings>(saved)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const engines = useSettingsStore(useShallow((s) => s.engines))
  const parsed = SettingsSchema.safeParse(draft)
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues)
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved)
  const dirtyRef = useRef(dirty)
  dirtyRef.current = dirty
  useEffect(() => guardUnsavedChanges(() => dirtyRef.current), [])

  const change = (next: Partial<Settings>): void => {
    setDraft({ ...draft, ...next })
    setResult(null)
  }
  const numberField = (key: Numeric, label: string, hint: string): React.JSX.Element => (
    <Field id={`settings-${key}`} label={label} error={errors[key]} hint={hint}>
      <input
        id={`settings-${key}`}
        type="number"
        value={Number.isNaN(draft[key]) ? '' : draft[key]}
        onChange={(e) => change({ [key]: parseNumberInput(e.target.value) })}
      />
    </Field>
  )
  const checkField = (
    key: 'autoStopOnLeave' | 'processTracking',
    label: string
  ): React.JSX.Element => (
    <label className="check">
      <input
        type="checkbox"
        checked={draft[key]}
        onChange={(e) => change({ [key]: e.target.checked })}
        data-testid={`settings-${key}`}
      />
      {label}
    </label>
  )
  const save = async (): Promise<void> => {
    if (!parsed.success) return
    try {
      const stored = await getApi().settings.set({ settings: parsed.data })
      setSettings(stored)
      setDraft(stored)
      setResult({ ok: true, text: 'Saved. New jobs use these settings.' })
    } catch (err) {
      setResult({
        ok: false,
        text: `Not saved: ${err instanceof Error ? err.message : String(err)}`
      })
    }
  }

  return (
    <form
      className="page settings-page"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h1>Settings</h1>
      <h2>Defaults for new jobs</h2>
      <OptionFields
        value={pickJobOptions(draft)}
        onChange={(o: JobOptions) => change(o)}
        errors={errors}
        engines={engines}
        idPrefix="settings"
      />
      <h2>Running and tracking jobs</h2>
      <div className="option-grid">
        {numberField('concurrentJobs', 'Jobs at once', 'the rest wait as queued (1 – 16)')}
        {numberField(
          'orphanTimeoutSeconds',
          'Orphan timeout (s)',
          'a job whose owner stops heartbeating this long is stopped (30 – 86400)'
        )}
        {numberField('heartbeatIntervalSeconds', 'Heartbeat interval (s)', '1 – 60')}
      </div>
      {checkField(
        'autoStopOnLeave',
        'Stop my jobs when I leave the page that started them (unless kept in background)'
      )}
      {checkField(
        'processTracking',
        'Process tracking (register, heartbeat and clean up orphaned processes)'
      )}
      <h2>Downloads</h2>
      <div className="option-grid one-wide">
        <Field
          id="settings-modelBaseUrl"
          label="Whisper model mirror"
          error={errors.modelBaseUrl}
          hint="empty = Hugging Face (whisper.cpp's files); a mirror serves the same ggml-NAME.bin names"
        >
          <input
            id="settings-modelBaseUrl"
            type="url"
            value={draft.modelBaseUrl}
            placeholder="https://huggingface.co/ggerganov/whisper.cpp/resolve/main"
            onChange={(e) => change({ modelBaseUrl: e.target.value.trim() })}
            aria-invalid={errors.modelBaseUrl ? true : undefined}
            data-testid="settings-modelBaseUrl"
          />
        </Field>
      </div>
      {errors._form && <p className="field-error">{errors._form}</p>}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={!parsed.success || !dirty}
          data-testid="settings-save"
        >
          Save
        </button>
        <button type="button" disabled={!dirty} onClick={() => change(saved)}>
          Discard changes
        </button>
        {result && (
          <span className={result.ok ? 'ok' : 'reason'} role="status" data-testid="settings-result">
            {result.text}
          </span>
        )}
      </div>
    </form>
  )
}
