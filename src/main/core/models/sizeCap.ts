// How many bytes a download may write before it is stopped: what the server announced, else the
// catalog's size plus a margin (catalog sizes are rounded: "1.5 GiB"), else what the disk can take
// while keeping its free-space margin. Checked while streaming, so a body without Content-Length
// cannot fill the disk.
import { formatBytes } from '@shared/byteText'
import { FREE_SPACE_MARGIN, freeBytes } from './freeSpace'

export interface SizeCap {
  bytes: number
  /** Why a download past `bytes` is stopped, for the one-line error. */
  reason: string
}

/** Catalog sizes are published rounded to 2–3 digits: 10 % (and 1 MiB for tiny files) covers it. */
export const catalogLimit = (approxBytes: number): number =>
  Math.ceil(approxBytes * 1.1) + 1024 * 1024

export function sizeCap(
  dir: string,
  have: number,
  announced: number | null,
  approxBytes: number | undefined
): SizeCap {
  if (announced !== null)
    return { bytes: announced, reason: `the ${formatBytes(announced)} the server announced` }
  if (approxBytes)
    return {
      bytes: catalogLimit(approxBytes),
      reason: `the catalog's size (${formatBytes(approxBytes)}) allows`
    }
  const free = freeBytes(dir)
  if (free === null) return { bytes: Number.POSITIVE_INFINITY, reason: '' }
  return {
    bytes: have + Math.max(0, free - FREE_SPACE_MARGIN),
    reason: `fits while keeping ${formatBytes(FREE_SPACE_MARGIN)} free in ${dir}`
  }
}
