// Page switching. The hash changes (link, back button, or navigate()); this mirrors it into the
// nav store and, when the user leaves the workspace, asks the host to stop this client's jobs.
import { getApi } from '../transport/getApi'
import { isLeavingWorkspace, parseRoute, routeHash, type Route } from '../lib/route'
import { activeOwnJobs, upsertJob, useJobsStore } from './jobsStore'
import { useNavStore } from './navStore'
import { addNotice, addStoppedNotice } from './noticesStore'
import { useSettingsStore } from './settingsStore'
import { errorText } from './jobActions'

export function navigate(route: Route): void {
  const hash = routeHash(route)
  // Setting only the hash keeps `?token=...` and never reloads the page.
  if (window.location.hash !== hash) window.location.hash = hash
  else applyRoute(route)
}

function applyRoute(to: Route): void {
  const from = useNavStore.getState().route
  useNavStore.setState({ route: to })
  const jobs = useJobsStore.getState()
  const autoStop = useSettingsStore.getState().settings?.autoStopOnLeave ?? true
  if (!autoStop || !isLeavingWorkspace(from, to, new Set(jobs.ownIds))) return
  if (activeOwnJobs(jobs).length === 0) return
  void stopOnLeave(from.page, to.page)
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
    addNotice('error', `Stopping this page's jobs failed: ${errorText(err)}`)
  }
}

let started = false

export function startNavigation(): void {
  if (started) return
  started = true
  useNavStore.setState({ route: parseRoute(window.location.hash) })
  window.addEventListener('hashchange', () => applyRoute(parseRoute(window.location.hash)))
}
