// Where ffmpeg and ffprobe come from: the system's (PATH) first, else the binaries shipped by the
// optional registry packages @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe when they are
// installed, else a clear error naming what to install.
import { createRequire } from 'node:module'
import { findExecutable } from '../os/findExecutable'

export interface MediaTools {
  ffmpeg: string
  ffprobe: string
  /** Where they were found, for `doctor` and logs. */
  source: 'system' | 'npm package'
}

export const FFMPEG_INSTALL_HINT =
  'ffmpeg/ffprobe not found: install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg)'

export class MediaToolsMissingError extends Error {}

/** `require` of an optional package that exports `{ path }` (the *-installer convention). */
function packagedBinary(pkg: string): string | null {
  try {
    const load = createRequire(__filename)
    const found: unknown = load(pkg)
    if (found && typeof found === 'object' && 'path' in found && typeof found.path === 'string') {
      return findExecutable(found.path)
    }
  } catch {
    // Not installed (the usual case): fall through to the install hint.
  }
  return null
}

export function locateMediaTools(env: NodeJS.ProcessEnv = process.env): MediaTools {
  const ffmpeg = findExecutable('ffmpeg', env)
  const ffprobe = findExecutable('ffprobe', env)
  if (ffmpeg && ffprobe) return { ffmpeg, ffprobe, source: 'system' }
  const packagedFfmpeg = packagedBinary('@ffmpeg-installer/ffmpeg')
  const packagedFfprobe = packagedBinary('@ffprobe-installer/ffprobe')
  if (packagedFfmpeg && packagedFfprobe) {
    return { ffmpeg: packagedFfmpeg, ffprobe: packagedFfprobe, source: 'npm package' }
  }
  throw new MediaToolsMissingError(FFMPEG_INSTALL_HINT)
}
