// Which files are media by name, and which names are not taken (yet): the renderer checks a drop
// and lists a dropped folder with them, the watch folders and `transcribe DIR` pick the files of a
// folder with them (one rule for all).

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

/** Whether a file by this name is one we transcribe (by its extension). */
export function isMediaName(name: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extensionOf(name))
}

/** Suffixes of files still being written by a browser, a sync tool or an editor. */
const PARTIAL_SUFFIXES = ['.part', '.crdownload', '.tmp', '.partial', '.download']

/** A name not taken until renamed: partial downloads, temporaries, `~$…` and dotfiles. */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase()
  return (
    name.startsWith('.') || name.startsWith('~$') || PARTIAL_SUFFIXES.some((s) => lower.endsWith(s))
  )
}
