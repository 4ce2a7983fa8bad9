// Choose engine, model and language beside the drop zone (remembered; prefilled from Settings),
// drop files or folders, watch the queue. The technical options are folded under Advanced.
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { DEFAULT_SETTINGS, JobOptionsSchema, type JobOptions } from '@shared/domain'
import { DropZone } from '../components/DropZone'
import { JobQueue } from '../components/JobQueue'
import { ChoiceFields, pickJobOptions, type OptionFieldsProps } from '../components/OptionFields'
import { AdvancedOptions } from '../components/AdvancedOptions'
import { forChosenModel } from '../lib/modelChoices'
import { rememberChange, useNextJobOptions, withChosen } from '../store/nextJobOptions'
import { fieldErrors } from '../lib/formErrors'
import { useJobsStore } from '../store/jobsStore'
import { useSettingsStore } from '../store/settingsStore'
import { useFileIntake } from '../hooks/useFileIntake'
import { FolderDialog } from '../components/FolderDialog'
import { Page } from '../components/Page'
import { RecordPanel } from '../components/RecordPanel'

export function TranscribePage(): React.JSX.Element {
  const settings = useSettingsStore((s) => s.settings)
  const chosen = useNextJobOptions((s) => s.chosen)
  // The saved settings with what the user chose here laid over them.
  const options = withChosen(pickJobOptions(settings ?? DEFAULT_SETTINGS), chosen)
  return <TranscribeWorkspace options={options} />
}

function TranscribeWorkspace({ options }: { options: JobOptions }): React.JSX.Element {
  const setOptions = (next: JobOptions): void => rememberChange(options, next)
  const [keepRunning, setKeepRunning] = useState(false)
  const engines = useSettingsStore(useShallow((s) => s.engines))
  const rejected = useJobsStore(useShallow((s) => s.rejected))
  const engine = engines.find((e) => e.name === options.engine)
  const parsed = JobOptionsSchema.safeParse(forChosenModel(options, engine))
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues)
  // The choices beside the drop zone and the folded Advanced ones are one form.
  const form: OptionFieldsProps = {
    value: options,
    onChange: setOptions,
    errors,
    engines,
    idPrefix: 'job'
  }
  const intake = useFileIntake(parsed.success ? parsed.data : null, keepRunning)

  return (
    <Page name="transcribe" title="Transcribe">
      <label className="keep-new-jobs">
        <input
          type="checkbox"
          checked={keepRunning}
          onChange={(e) => setKeepRunning(e.target.checked)}
          data-testid="keep-new-jobs"
        />{' '}
        Keep running in background (the next files go on when you leave this page)
      </label>
      <div className="first-screen">
        <DropZone onFiles={intake.onFiles} busy={intake.busy} />
        <section className="choices" aria-label="Options for the next files">
          <ChoiceFields {...form} />
        </section>
      </div>
      <RecordPanel options={parsed.success ? parsed.data : null} />
      {rejected.length > 0 && (
        <ul className="rejected" data-testid="rejected-list" aria-label="Files not added">
          {rejected.map((r, i) => (
            <li key={`${r.name}-${i}`} data-testid="rejected-item">
              <strong>{r.name}</strong>: {r.reason}
            </li>
          ))}
        </ul>
      )}
      <AdvancedOptions {...form} />
      <h2 id="queue-heading">Queue</h2>
      <JobQueue />
      {intake.pending && (
        <FolderDialog plan={intake.pending} onAdd={intake.add} onCancel={intake.cancel} />
      )}
    </Page>
  )
}
