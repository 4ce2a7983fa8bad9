// In-app routes live in the URL hash, so switching pages never reloads and never touches the
// query string (the browser host serves the app at `/?token=...`).
export type Route =
  { page: 'transcribe' } | { page: 'job'; id: number } | { page: 'history' } | { page: 'settings' }

export type PageName = Route['page']

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '')
  const parts = path.split('/')
  const head = parts[0]
  const arg = parts.at(1)
  if (head === 'history') return { page: 'history' }
  if (head === 'settings') return { page: 'settings' }
  if (head === 'job' && arg !== undefined && /^[1-9]\d*$/.test(arg)) {
    return { page: 'job', id: Number(arg) }
  }
  return { page: 'transcribe' }
}

export function routeHash(route: Route): string {
  return route.page === 'job' ? `#/job/${route.id}` : `#/${route.page}`
}

/**
 * Whether going from `from` to `to` leaves a page whose jobs should stop (they belong to this
 * client: store/navigation.ts asks first).
 * The Transcribe page and the Job page of a job this client started are one workspace: moving
 * between them is not leaving. Going to History or Settings is.
 */
export function isLeavingWorkspace(
  from: Route,
  to: Route,
  ownJobIds: ReadonlySet<number>
): boolean {
  const inWorkspace = (r: Route): boolean =>
    r.page === 'transcribe' || (r.page === 'job' && ownJobIds.has(r.id))
  return inWorkspace(from) && !inWorkspace(to) && (to.page === 'history' || to.page === 'settings')
}
