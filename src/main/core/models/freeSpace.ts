// Free space on a disk the host writes to: checked before a model download starts (and the room a
// download of unannounced size may fill while it streams), and before the browser host stores an
// upload of announced size (webHost/upload.ts).
import { statfsSync } from 'node:fs'
import { formatBytes } from '@shared/byteText'

/** Room left beyond the file itself, so a download never fills the disk to the last byte. */
export const FREE_SPACE_MARGIN = 64 * 1024 * 1024

/** Bytes free for this user in `dir`, or null where the platform cannot tell. */
export function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir)
    return Number(s.bavail) * Number(s.bsize)
  } catch {
    return null
  }
}

export function checkFreeSpace(dir: string, needBytes: number): void {
  const free = freeBytes(dir)
  if (free === null) return // cannot tell: let the write fail if it must
  if (free < needBytes + FREE_SPACE_MARGIN)
    throw new Error(
      `not enough free space in ${dir}: need ${formatBytes(needBytes)} plus ${formatBytes(FREE_SPACE_MARGIN)}, ${formatBytes(free)} free`
    )
}
