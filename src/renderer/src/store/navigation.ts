// Page switching. The hash changes (link, back button, or navigate()); this mirrors it into the
// nav store. Leaving the workspace stops this client's jobs (a job belongs to the client that started it:
// core/service/jobCommands releaseClient), so when jobs
// are running the user is asked first: stay, stop them and leave, or keep them running. Reloading
// or closing the tab asks through the browser's own prompt (beforeunload).
import { getApi } from '../transport/getApi'
import { isLeavingWorkspace, parseRoute, routeHash, type Route } from '../lib/route'
import { activeOwnJobs, upsertJob, useJobsStore } from './jobsStore'
import { noteJobsAtStake } from './stoppedWhileAway'
import { useLeaveStore } from './leaveStore'
import { useNavStore } from './navStore'
import { addNotice, addStoppedNotice } from './noticesStore'
import { useSettingsStore } from './settingsStore'
import { setKeepInBackground } from './jobActions'
import { endRecording, useRecordingStore } from './recordingStore'
import { oneLineError } from '@shared/errors'

export function navigate(route: Route): void {
  const hash = routeHash(route)
  // Setting only the hash keeps `?token=...` and never reloads the page.
  if (window.location.hash !== hash) window.location.hash = hash
  else applyRoute(route)
}

/** The jobs that leaving this page (or reloading it) would stop; none when auto-stop is off. */
export function jobsAtStake(): number[] {
  const autoStop = useSettingsStore.getState().settings?.autoStopOnLeave ?? true
  if (!autoStop) return []
  return activeOwnJobs(useJobsStore.getState()).map((row) => row.id)
}

/** A page with unsaved edits registers a check here; navigating away then asks first. */
let unsavedCheck: (() => boolean) | null = null

export function guardUnsavedChanges(hasUnsaved: () => boolean): () => void {
  unsavedCheck = hasUnsaved
  return () => {
    if (unsavedCheck === hasUnsaved) unsavedCheck = null
  }
}

function applyRoute(to: Route): void {
  const from = useNavStore.getState().route
  if (routeHash(from) !== routeHash(to) && unsavedCheck?.()) {
    window.history.replaceState(window.history.state, '', routeHash(from))
    useLeaveStore.setState({ unsaved: { to } })
    return
  }
  const leaving = isLeavingWorkspace(from, to, new Set(useJobsStore.getState().ownIds))
  const atStake = leaving ? jobsAtStake() : []
  if (atStake.length === 0) {
    commitRoute(to, false)
    return
  }
  // Not yet: put the address back (no history entry, no hashchange) and ask.
  window.history.replaceState(window.history.state, '', routeHash(from))
  useLeaveStore.setState({ prompt: { to, jobIds: atStake } })
}

function commitRoute(to: Route, stopJobs: boolean): void {
  const from = useNavStore.getState().route
  useNavStore.setState({ route: to })
  // Each page opens at its top, not at the previous page's scroll position.
  if (routeHash(from) !== routeHash(to)) window.scrollTo(0, 0)
  if (stopJobs) void stopOnLeave(from.page, to.page)
}

/** Goes where the prompt was about to go, without asking again. */
function proceed(to: Route, stopJobs: boolean): void {
  useLeaveStore.setState({ prompt: null })
  const hash = routeHash(to)
  if (window.location.hash !== hash) window.history.pushState(window.history.state, '', hash)
  commitRoute(to, stopJobs)
}

export function keepEditing(): void {
  useLeaveStore.setState({ unsaved: null })
}

export function discardAndLeave(): void {
  const pending = useLeaveStore.getState().unsaved
  unsavedCheck = null
  useLeaveStore.setState({ unsaved: null })
  if (pending) navigate(pending.to)
}

export function answerStay(): void {
  useLeaveStore.setState({ prompt: null })
}

export function answerStopAndLeave(): void {
  const prompt = useLeaveStore.getState().prompt
  if (prompt) proceed(prompt.to, true)
}

export async function answerKeepRunning(): Promise<void> {
  const prompt = useLeaveStore.getState().prompt
  if (!prompt) return
  await Promise.all(prompt.jobIds.map((id) => setKeepInBackground(id, true)))
  // Anything that could not be kept (the request failed) is still at stake: ask again.
  if (jobsAtStake().some((id) => prompt.jobIds.includes(id))) return
  proceed(prompt.to, false)
}

/**
 * "Stop recording and leave": the recording ends as its Stop button ends it (what waits is sent)
 * and its job goes on to finish the transcript, kept running on purpose; the page's other jobs
 * are stopped as leaving stops them. Nothing recorded is lost either way.
 */
export async function answerEndRecordingAndLeave(): Promise<void> {
  const prompt = useLeaveStore.getState().prompt
  if (!prompt) return
  const { jobId } = useRecordingStore.getState()
  await endRecording()
  if (jobId !== null) await setKeepInBackground(jobId, true)
  proceed(prompt.to, true)
}

async function stopOnLeave(page: string, nextPage: string): Promise<void> {
  const api = getApi()
  try {
    const result = await api.client.leavingPage({ page, nextPage })
    addStoppedNotice(result.stopped, result.reason)
    // Show the final rows at once rather than waiting for their job.updated events.
    for (const { id } of result.stopped) {
      const row = await api.jobs.get({ id })
      if (row) upsertJob(row)
    }
  } catch (err) {
    addNotice('error', `Stopping this page's jobs failed: ${oneLineError(err)}`)
  }
}

/** Reload or close with jobs that would stop: the browser (or Electron's main) asks first. */
function warnBeforeUnload(event: BeforeUnloadEvent): void {
  if (jobsAtStake().length === 0 && !unsavedCheck?.()) return
  event.preventDefault()
  // Older Chromium needs returnValue set to show the prompt.
  event.returnValue = ''
}

let started = false

export function startNavigation(): void {
  if (started) return
  started = true
  useNavStore.setState({ route: parseRoute(window.location.hash) })
  window.addEventListener('hashchange', () => applyRoute(parseRoute(window.location.hash)))
  window.addEventListener('beforeunload', warnBeforeUnload)
  window.addEventListener('pagehide', () => noteJobsAtStake(jobsAtStake()))
}
