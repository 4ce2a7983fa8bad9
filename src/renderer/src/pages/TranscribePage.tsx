// Choose engine, model and language beside the drop zone (remembered; prefilled from Settings),
// drop files, watch the queue. The technical options are folded under Advanced.
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { DEFAULT_SETTINGS, JobOptionsSchema, type JobOptions } from '@shared/domain'
import { DropZone } from '../components/DropZone'
import { JobQueue } from '../components/JobQueue'
import { ChoiceFields, pickJobOptions } from '../components/OptionFields'
import { AdvancedOptions } from '../components/AdvancedOptions'
import { forChosenModel } from '../lib/modelChoices'
import { rememberChange, useNextJobOptions, withChosen } from '../store/nextJobOptions'
import { fieldErrors } from '../lib/formErrors'
import type { Candidate } from '../lib/fileSubmission'
import { useJobsStore, setRejected } from '../store/jobsStore'
import { useSettingsStore } from '../store/settingsStore'
import { submitFiles } from '../store/jobActions'
import { askNotificationPermissionOnce } from '../store/announcements'
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
  const [busy, setBusy] = useState(false)
  const [keepRunning, setKeepRunning] = useState(false)
  const engines = useSettingsStore(useShallow((s) => s.engines))
  const rejected = useJobsStore(useShallow((s) => s.rejected))
  const engine = engines.find((e) => e.name === options.engine)
  const parsed = JobOptionsSchema.safeParse(forChosenModel(options, engine))
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues)

  const onFiles = (files: Candidate[]): void => {
    if (files.length === 0) return
    if (!parsed.success) {
      setRejected(
        files.map((c) => ({
          name: c.file.name,
          reason: 'not started: fix the options marked in red first'
        }))
      )
      return
    }
    askNotificationPermissionOnce()
    setBusy(true)
    void submitFiles(files, parsed.data, keepRunning).finally(() => {
      setBusy(false)
      // On a small window the queue is below the options: bring the new jobs into view.
      document.getElementById('queue-heading')?.scrollIntoView({ block: 'start' })
    })
  }

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
        <DropZone onFiles={onFiles} busy={busy} />
        <section className="choices" aria-label="Options for the next files">
          <ChoiceFields
            value={options}
            onChange={setOptions}
            errors={errors}
            engines={engines}
            idPrefix="job"
          />
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
      <AdvancedOptions
        value={options}
        onChange={setOptions}
        errors={errors}
        engines={engines}
        idPrefix="job"
      />
      <h2 id="queue-heading">Queue</h2>
      <JobQueue />
    </Page>
  )
}
