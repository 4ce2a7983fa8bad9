// Checks dropped or picked files before anything is uploaded, so a folder or an unsupported file
// gets a one-line reason on screen instead of silently doing nothing.

/** Extensions ffmpeg decodes that people actually transcribe (audio and video containers). */
export const SUPPORTED_EXTENSIONS = [
  'wav',
  'mp3',
  'm4a',
  'aac',
  'flac',
  'ogg',
  'oga',
  'opus',
  'wma',
  'aiff',
  'aif',
  'amr',
  'mp4',
  'm4v',
  'mkv',
  'mov',
  'avi',
  'webm',
  'mpeg',
  'mpg',
  'wmv',
  '3gp',
  'ts'
] as const

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

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
