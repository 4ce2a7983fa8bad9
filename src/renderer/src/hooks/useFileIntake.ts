// A drop or a pick on the Transcribe page: sorted into files and folders (lib/folderIntake.ts),
// folders confirmed in the page first (FolderDialog.tsx), then uploaded or resolved one by one and
// queued (store/jobActions.ts). Busy while a folder is listed or files are added.
import { useState } from 'react'
import type { JobOptions } from '@shared/domain'
import { oneLineError } from '@shared/errors'
import type { Candidate } from '../lib/fileSubmission'
import { planIntake, type IntakePlan } from '../lib/folderIntake'
import { getApi } from '../transport/getApi'
import { submitFiles } from '../store/jobActions'
import { setRejected } from '../store/jobsStore'
import { askNotificationPermissionOnce } from '../store/announcements'

export interface FileIntake {
  busy: boolean
  /** A drop or pick with folders, waiting for Add or Cancel. */
  pending: IntakePlan | null
  onFiles: (files: Candidate[], fromFolder?: boolean) => void
  add: () => void
  cancel: () => void
}

/** options: the next jobs' options, or null while the form has errors (nothing is added then). */
export function useFileIntake(options: JobOptions | null, keepInBackground: boolean): FileIntake {
  const [busy, setBusy] = useState(false)
  const [pending, setPending] = useState<IntakePlan | null>(null)

  const submit = (plan: IntakePlan, jobOptions: JobOptions): void => {
    setBusy(true)
    void submitFiles(plan.items, jobOptions, keepInBackground, plan.rejected).finally(() => {
      setBusy(false)
      // On a small window the queue is below the options: bring the new jobs into view.
      document.getElementById('queue-heading')?.scrollIntoView({ block: 'start' })
    })
  }

  const onFiles = (files: Candidate[], fromFolder = false): void => {
    if (files.length === 0) {
      // The folder picker names no folder when it has no files in it.
      if (fromFolder) setRejected([{ name: 'The chosen folder', reason: 'has no files in it' }])
      return
    }
    if (!options) {
      const reason = 'not started: fix the options marked in red first'
      setRejected(files.map((c) => ({ name: c.folder ?? c.file.name, reason })))
      return
    }
    askNotificationPermissionOnce()
    setBusy(true)
    planIntake(getApi(), files)
      .then((plan) => {
        if (plan.folders.length === 0) return submit(plan, options)
        setRejected(plan.rejected)
        setPending(plan)
        setBusy(false)
      })
      .catch((err: unknown) => {
        setRejected(files.map((c) => ({ name: c.file.name, reason: oneLineError(err) })))
        setBusy(false)
      })
  }

  return {
    busy,
    pending,
    onFiles,
    add: () => {
      if (pending && options) submit(pending, options)
      setPending(null)
    },
    cancel: () => setPending(null)
  }
}
