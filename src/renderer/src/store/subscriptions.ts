// The one place host events enter the renderer: set up once at startup, they feed the stores.
// Components never subscribe to the API themselves, so an event updates exactly the store slice
// it belongs to and only components selecting that slice re-render.
import type { TranscriptorApi } from '@shared/ipc/api'
import { isTerminal, removeJob, replaceJob, upsertJob, useJobsStore } from './jobsStore'
import { appendLogLines, closeLogView } from './logsStore'
import { addMetricsSample, forgetMetrics } from './metricsStore'
import { addNotice, addStoppedNotice } from './noticesStore'
import { addLiveChunk, forgetLiveWords } from './liveWordsStore'
import { forgetJobProgress, setJobProgress } from './jobProgressStore'
import { refreshProcessStatus } from './jobActions'
import { refreshModels } from './modelActions'
import { applyModelProgress } from './modelsStore'
import { announceJobEnd } from './announcements'
import { transcriptChangedElsewhere } from './transcriptStore'
import { usePassageStore } from './passageStore'
import { endRecordingAsked } from './recordingStore'

let stopAll: (() => void) | null = null

async function followRestartedJob(api: TranscriptorApi, id: number): Promise<void> {
  const row = await api.jobs.get({ id }).catch(() => null)
  const current = useJobsStore.getState().byId[id]
  if (!row || isTerminal(row) || !current || !isTerminal(current)) return
  replaceJob(row)
  forgetJobProgress(id)
  void refreshProcessStatus(id)
}

export function startSubscriptions(api: TranscriptorApi): () => void {
  if (stopAll) return stopAll
  const offs = [
    api.on('job.updated', (row) => {
      const before = useJobsStore.getState().byId[row.id]
      // An ended job running again (resumed): the host's current row, read now, is the truth.
      if (before && isTerminal(before) && !isTerminal(row)) void followRestartedJob(api, row.id)
      upsertJob(row)
      if (row.status === 'completed') forgetLiveWords(row.id)
      if (isTerminal(row)) forgetJobProgress(row.id)
      // The tree is gone when a job ends: show what the host sees now, not the last live sample.
      if (isTerminal(row) && (!before || !isTerminal(before))) {
        void refreshProcessStatus(row.id)
        if (before) announceJobEnd(row)
      }
    }),
    api.on('transcript.changed', (change) => {
      // A passage redo of this page takes its new transcript itself, onto the undo stack.
      if (usePassageStore.getState().redoId === null) transcriptChangedElsewhere(change)
    }),
    api.on('job.deleted', ({ id }) => {
      removeJob(id)
      forgetMetrics(id)
      forgetLiveWords(id)
      forgetJobProgress(id)
      closeLogView(id)
    }),
    api.on('job.words', addLiveChunk),
    api.on('job.progress', (progress) => setJobProgress(progress)),
    api.on('job.logs', (batch) => appendLogLines(batch.jobId, batch.lines)),
    api.on('job.metrics', (sample) => {
      const row = useJobsStore.getState().byId[sample.jobId]
      // A sample that raced the stop must not refill the process table of an ended job.
      addMetricsSample(sample, !row || !isTerminal(row))
    }),
    api.on('jobs.stopped', (notice) => addStoppedNotice(notice.jobs, notice.reason)),
    api.on('models.progress', (batch) => {
      applyModelProgress(batch)
      // A finished download changes what is installed (and what the model pickers list).
      if (batch.some((p) => p.state !== 'downloading' && p.state !== 'verifying'))
        void refreshModels()
    }),
    api.on('app.notice', (notice) => addNotice(notice.level, notice.message, notice.jobIds)),
    api.on('recording.endAsked', ({ id }) => endRecordingAsked(id))
  ]
  stopAll = () => {
    for (const off of offs) off()
    stopAll = null
  }
  return stopAll
}
