// Requests the pages make, with their results put into the stores. Errors become notices: a
// failed request never leaves the UI silently unchanged.
import { CREATE_JOBS_MAX, QUEUE_ROWS_MAX, type JobOptions, type OutputFormat } from '@shared/domain'
import { getApi } from '../transport/getApi'
import {
  addOwnJobs,
  isTerminal,
  removeJob,
  replaceJob,
  useJobsStore,
  setQueueSnapshot,
  addRows,
  setRejected,
  upsertJob,
  type Rejection
} from './jobsStore'
import { LOG_RING_CAPACITY, closeLogView, loadLogTail, openLogView } from './logsStore'
import { forgetMetrics, setMetricsHistory, setProcessStatus } from './metricsStore'
import { addNotice } from './noticesStore'
import { forgetJobProgress } from './jobProgressStore'
import { setEngines, setSettings, setSettingsLoadError } from './settingsStore'
import { refreshModels } from './modelActions'
import { fileToPath } from '../lib/fileSubmission'
import type { IntakeItem } from '../lib/folderIntake'
import { oneLineError } from '@shared/errors'

async function attempt<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run()
  } catch (err) {
    addNotice('error', `${what} failed: ${oneLineError(err)}`)
    return undefined
  }
}

export async function loadInitialData(): Promise<void> {
  const api = getApi()
  await Promise.all([
    // Only what is still going (the queue), and only the rows of its first screen; the rest are
    // fetched as the queue scrolls to them (loadQueueRows), History pages through ended jobs.
    attempt('Loading the queue', async () =>
      setQueueSnapshot(await api.jobs.queue({ rows: QUEUE_FIRST_ROWS }))
    ),
    api.settings
      .get({})
      .then(setSettings)
      .catch((err: unknown) => setSettingsLoadError(oneLineError(err))),
    attempt('Listing engines', async () => setEngines(await api.engines.list({}))),
    refreshModels()
  ])
}

/** Uploads (or resolves) every acceptable file, one by one, then creates one job per file. */
export async function submitFiles(
  items: readonly IntakeItem[],
  options: JobOptions,
  keepInBackground = false,
  earlier: readonly Rejection[] = []
): Promise<void> {
  const api = getApi()
  const rejected: Rejection[] = [...earlier]
  const paths: { path: string; name: string }[] = []
  for (const item of items) {
    if ('path' in item) {
      paths.push(item)
      continue
    }
    const resolved = await fileToPath(api, item)
    if ('reason' in resolved) rejected.push({ name: item.file.name, reason: resolved.reason })
    else paths.push({ path: resolved.path, name: item.file.name })
  }
  for (let i = 0; i < paths.length; i += CREATE_JOBS_MAX) {
    const batch = paths.slice(i, i + CREATE_JOBS_MAX)
    try {
      const result = await api.jobs.create({
        paths: batch.map((p) => p.path),
        options,
        keepInBackground
      })
      addOwnJobs(result.created)
      for (const r of result.rejected) {
        const name = batch.find((p) => p.path === r.path)?.name ?? r.path
        rejected.push({ name, reason: r.reason })
      }
    } catch (err) {
      for (const p of batch) rejected.push({ name: p.name, reason: oneLineError(err) })
    }
  }
  setRejected(rejected)
}

export async function stopJob(id: number): Promise<void> {
  const api = getApi()
  const result = await attempt('Stopping the job', () => api.jobs.stop({ id }))
  if (result && result.survivors.length > 0) {
    addNotice(
      'error',
      `Job #${id}: processes still alive after stop: ${result.survivors.join(', ')}`
    )
  }
  const row = await attempt('Reading the job', () => api.jobs.get({ id }))
  if (row) upsertJob(row)
  await refreshProcessStatus(id)
}

export async function refreshProcessStatus(id: number): Promise<void> {
  try {
    setProcessStatus(id, await getApi().jobs.processStatus({ id }))
  } catch {
    // The job may have been deleted meanwhile; nothing to show then.
  }
}

export async function setKeepInBackground(id: number, keep: boolean): Promise<void> {
  const row = await attempt('Changing "keep running in background"', () =>
    getApi().jobs.setKeepInBackground({ id, keep })
  )
  if (row) upsertJob(row)
}

export async function retryJob(id: number, model?: string): Promise<number | undefined> {
  const row = await attempt('Retrying the job', () =>
    getApi().jobs.retry(model === undefined ? { id } : { id, model })
  )
  if (row) addOwnJobs([row])
  return row?.id
}

/**
 * Continues a stopped or failed job from its finished chunks (same job; refused with a reason). The
 * job is this page's from now on (the leave warning counts it), and its page follows it at once.
 */
export async function resumeJob(id: number): Promise<boolean> {
  const row = await attempt('Resuming the job', () => getApi().jobs.resume({ id }))
  if (!row) return false
  const current = useJobsStore.getState().byId[id]
  // An event may already have brought a newer running row; the reply must not roll it back.
  if (!current || isTerminal(current)) replaceJob(row)
  addOwnJobs([row])
  forgetJobProgress(id)
  await refreshProcessStatus(id)
  return true
}

export async function deleteJob(id: number): Promise<void> {
  const result = await attempt('Deleting the job', () => getApi().jobs.delete({ id }))
  if (result?.deleted) {
    removeJob(id)
    forgetMetrics(id)
    closeLogView(id)
  }
}

/** A reopened job shows as much of its log as the view keeps (the host reads the tail in blocks). */
const INITIAL_TAIL_LINES = LOG_RING_CAPACITY

/** Opens a job's log view: live lines are buffered while the file tail loads. */
export async function watchJob(id: number): Promise<void> {
  const api = getApi()
  openLogView(id)
  const [tail, history] = await Promise.all([
    api.jobs.logs({ id, lines: INITIAL_TAIL_LINES }).catch(() => [] as string[]),
    api.jobs.metricsHistory({ id }).catch(() => [])
  ])
  loadLogTail(id, tail)
  setMetricsHistory(id, history)
  await refreshProcessStatus(id)
}

export async function openOutput(id: number, format: OutputFormat, reveal: boolean): Promise<void> {
  const api = getApi()
  const result = await attempt(reveal ? 'Revealing the file' : 'Opening the file', async () => {
    if (reveal) {
      const r = await api.jobs.revealOutput({ id, format })
      return { done: r.revealed, path: r.path }
    }
    const r = await api.jobs.openOutput({ id, format })
    return { done: r.opened, path: r.path }
  })
  // The browser host cannot open a desktop app for the user; say where the file is instead.
  if (result && !result.done) {
    addNotice(
      'info',
      `Could not ${reveal ? 'reveal' : 'open'} it here; the file is at ${result.path}`
    )
  }
}

/** Rows the queue page opens with: more than a tall window shows. */
export const QUEUE_FIRST_ROWS = 60

const rowsAsked = new Set<number>()

/**
 * The rows of queue entries scrolled to that the page does not have yet (each asked once at a
 * time, QUEUE_ROWS_MAX per request).
 */
export async function loadQueueRows(ids: readonly number[]): Promise<void> {
  const { byId } = useJobsStore.getState()
  const wanted = ids.filter((id) => byId[id] === undefined && !rowsAsked.has(id))
  for (const id of wanted) rowsAsked.add(id)
  try {
    for (let at = 0; at < wanted.length; at += QUEUE_ROWS_MAX) {
      const asked = wanted.slice(at, at + QUEUE_ROWS_MAX)
      await attempt('Loading queue rows', async () =>
        addRows(asked, await getApi().jobs.getMany({ ids: asked }))
      )
    }
  } finally {
    for (const id of wanted) rowsAsked.delete(id)
  }
}
