// The one permission the app's own page gets: sound. Recording asks for the microphone
// (getUserMedia, audio only) and for what the computer plays (getDisplayMedia, which Electron
// reports as a `media` request with no media types; displayMedia.ts then decides what it gets).
// A camera, a subframe or a page that is not ours is refused, as is every other permission.
import type { Session } from 'electron'

type RequestDetails = { requestingUrl?: string; isMainFrame?: boolean; mediaTypes?: string[] }
type CheckDetails = { requestingUrl?: string; isMainFrame?: boolean; mediaType?: string }

export function allowsSound(
  permission: string,
  details: RequestDetails | undefined,
  isApp: (url: string) => boolean
): boolean {
  if (permission !== 'media' || !details?.isMainFrame || !details.requestingUrl) return false
  return !(details.mediaTypes ?? []).includes('video') && isApp(details.requestingUrl)
}

/** Checks (enumerateDevices' labels, permission queries) answer as requests would. */
function checkAllowsSound(
  permission: string,
  details: CheckDetails | undefined,
  isApp: (url: string) => boolean
): boolean {
  if (details?.mediaType === 'video') return false
  return allowsSound(permission, { ...details, mediaTypes: [] }, isApp)
}

export function allowSoundOnly(session: Session, isApp: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowsSound(permission, details as RequestDetails | undefined, isApp))
  )
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    checkAllowsSound(permission, details as CheckDetails | undefined, isApp)
  )
}
