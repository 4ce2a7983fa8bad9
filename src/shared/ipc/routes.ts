// The two routes beside the request channels, spelled once for the hosts that serve them and the
// page that calls them: a job's original recording for the player (Electron: a custom scheme;
// browser host: an HTTP path), and the browser host's upload of a dropped file. Zod-free, so the
// sandboxed preload can bundle it.

/** Electron's scheme for a job's recording: `transcriptor-media://job/<id>`. */
export const MEDIA_SCHEME = 'transcriptor-media'

/** `POST UPLOAD_PATH?name=<file name>` stores the body; the reply is `{ path }` or `{ error }`. */
export const UPLOAD_PATH = '/upload'
export const UPLOAD_NAME_PARAM = 'name'

/** A job id as the routes spell it: a positive whole number of at most 16 digits. */
const JOB_ID = '([1-9]\\d{0,15})'
const SCHEME_MEDIA = new RegExp(`^${MEDIA_SCHEME}://job/${JOB_ID}/?$`)
const HTTP_MEDIA = new RegExp(`^/media/${JOB_ID}$`)

export const mediaSchemeUrl = (jobId: number): string => `${MEDIA_SCHEME}://job/${jobId}`
export const mediaHttpPath = (jobId: number): string => `/media/${jobId}`

/** The job a `transcriptor-media://` URL names, or null. */
export function jobIdOfMediaSchemeUrl(url: string): number | null {
  const match = SCHEME_MEDIA.exec(url)
  return match ? Number(match[1]) : null
}

/** The job a browser host path (`/media/<id>`) names, or null. */
export function jobIdOfMediaHttpPath(pathname: string): number | null {
  const match = HTTP_MEDIA.exec(pathname)
  return match ? Number(match[1]) : null
}
