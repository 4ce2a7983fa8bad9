// Every setting, validated as you type, saved to the host, used for new jobs.
import { useShallow } from 'zustand/react/shallow'
import type { JobOptions, Settings } from '@shared/domain'
import { OptionFields, pickJobOptions } from '../components/OptionFields'
import { useSettingsStore } from '../store/settingsStore'
import { useSettingsDraft } from '../hooks/useSettingsDraft'
import { TrackingSettings } from '../components/TrackingSettings'
import { DownloadSettings } from '../components/DownloadSettings'
import { EditorSettings } from '../components/EditorSettings'
import { EndpointsSection } from '../components/EndpointsSection'
import { ModelsSection } from '../components/ModelsSection'
import { KindModelsSection } from '../components/KindModelsSection'
import { VoiceMatchSetting } from '../components/speakers/VoiceMatchSetting'
import { VoicesSection } from '../components/speakers/VoicesSection'
import { WatchFoldersSection } from '../components/WatchFoldersSection'

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
      <KindModelsSection />
      <EndpointsSection />
      <VoicesSection />
      <WatchFoldersSection defaults={settings} />
    </>
  )
}

function SettingsForm({ saved }: { saved: Settings }): React.JSX.Element {
  const { draft, errors, valid, dirty, result, change, save } = useSettingsDraft(saved)
  const engines = useSettingsStore(useShallow((s) => s.engines))
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
      <TrackingSettings draft={draft} errors={errors} change={change} />
      <DownloadSettings draft={draft} error={errors.modelBaseUrl} change={change} />
      <VoiceMatchSetting draft={draft} error={errors.voiceMatchThreshold} change={change} />
      <EditorSettings draft={draft} error={errors.doubtfulBelow} change={change} />
      {errors._form && <p className="field-error">{errors._form}</p>}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={!valid || !dirty}
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
