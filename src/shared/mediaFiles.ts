// Which files are media by name: the renderer checks a drop with it, the watch folders and
// `transcribe DIR` pick the files of a folder with it (one list for both).

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
