// Drop files, pick options (prefilled from Settings), watch the queue.
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { DEFAULT_SETTINGS, JobOptionsSchema, type JobOptions } from '@shared/domain'
import { DropZone } from '../components/DropZone'
import { JobQueue } from '../components/JobQueue'
import { OptionFields, pickJobOptions } from '../components/OptionFields'
import { fieldErrors } from '../lib/formErrors'
import type { Candidate } from '../lib/fileSubmission'
import { useJobsStore, setRejected } from '../store/jobsStore'
import { useSettingsStore } from '../store/settingsStore'
import { submitFiles } from '../store/jobActions'
import { askNotificationPermissionOnce } from '../store/announcements'
import { Page } from '../components/Page'

export function TranscribePage(): React.JSX.Element {
  const settings = useSettingsStore((s) => s.settings)
  // Options start from the saved settings; the key remounts the form when those first arrive.
  return (
    <TranscribeWorkspace
      key={settings ? 'saved' : 'defaults'}
      initial={pickJobOptions(settings ?? DEFAULT_SETTINGS)}
    />
  )
}

function TranscribeWorkspace({ initial }: { initial: JobOptions }): React.JSX.Element {
  const [options, setOptions] = useState<JobOptions>(initial)
  const [busy, setBusy] = useState(false)
  const [keepRunning, setKeepRunning] = useState(false)
  const engines = useSettingsStore(useShallow((s) => s.engines))
  const rejected = useJobsStore(useShallow((s) => s.rejected))
  const parsed = JobOptionsSchema.safeParse(options)
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
      <DropZone onFiles={onFiles} busy={busy} />
      {rejected.length > 0 && (
        <ul className="rejected" data-testid="rejected-list" aria-label="Files not added">
          {rejected.map((r, i) => (
            <li key={`${r.name}-${i}`} data-testid="rejected-item">
              <strong>{r.name}</strong>: {r.reason}
            </li>
          ))}
        </ul>
      )}
      <details className="options" open>
        <summary>Options for the next files</summary>
        <OptionFields
          value={options}
          onChange={setOptions}
          errors={errors}
          engines={engines}
          idPrefix="job"
        />
      </details>
      <h2 id="queue-heading">Queue</h2>
      <JobQueue />
    </Page>
  )
}
