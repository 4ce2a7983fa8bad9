// Checks dropped or picked files before anything is uploaded, so a folder or an unsupported file
// gets a one-line reason on screen instead of silently doing nothing.

import { SUPPORTED_EXTENSIONS, extensionOf } from '@shared/mediaFiles'

export { SUPPORTED_EXTENSIONS, extensionOf }

/** Why a file by this name and MIME type cannot be transcribed, or null if it looks fine. */
export function unsupportedReason(name: string, mimeType: string): string | null {
  const ext = extensionOf(name)
  if ((SUPPORTED_EXTENSIONS as readonly string[]).includes(ext)) return null
  if (mimeType.startsWith('audio/') || mimeType.startsWith('video/')) return null
  if (ext === '')
    return 'no file extension: expected an audio or video file (e.g. .wav, .mp3, .mp4)'
  return `unsupported file type .${ext}: expected audio or video (e.g. .wav, .mp3, .mp4)`
}

export interface IntakeRejection {
  name: string
  reason: string
}
