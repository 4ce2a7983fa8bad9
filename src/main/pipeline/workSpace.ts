// Before decoding, the work folder must have room for what decoding writes: 16 kHz mono 16-bit
// PCM is 32,000 bytes per second of audio, plus the chunks cut from it, plus a margin. A file
// that probes as 671,088 s (a sparse file with a WAV header) is refused here in one line, before
// a single byte is written, instead of filling the disk for minutes.
import { statfs } from 'node:fs/promises'
import { dirname } from 'node:path'
import { formatBytes } from '@shared/byteText'
import { longestChunkSeconds } from './cutPlan'

/** Decoded 16 kHz mono s16le. */
export const DECODED_BYTES_PER_SECOND = 32_000
/** Room for the log, the checkpoints and whatever else shares the disk for a moment. */
export const WORK_SPACE_MARGIN_BYTES = 16 * 1024 * 1024

export class WorkSpaceError extends Error {}

export function workSpaceNeeded(
  durationSeconds: number,
  chunkSeconds: number,
  processes: number
): number {
  const decoded = durationSeconds * DECODED_BYTES_PER_SECOND
  const chunks =
    Math.min(durationSeconds, longestChunkSeconds(chunkSeconds)) *
    DECODED_BYTES_PER_SECOND *
    processes
  return Math.ceil(decoded + chunks + WORK_SPACE_MARGIN_BYTES)
}

/** Free bytes on the file system of `dir` (or of its nearest existing ancestor). */
async function freeBytes(dir: string): Promise<{ free: number; at: string }> {
  let at = dir
  for (;;) {
    try {
      const s = await statfs(at)
      return { free: s.bavail * s.bsize, at }
    } catch (error) {
      const parent = dirname(at)
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === at) throw error
      at = parent
    }
  }
}

export async function checkWorkSpace(
  workDir: string,
  durationSeconds: number,
  o: { chunkSeconds: number; processes: number }
): Promise<void> {
  const needed = workSpaceNeeded(durationSeconds, o.chunkSeconds, o.processes)
  const { free, at } = await freeBytes(workDir)
  if (free >= needed) return
  throw new WorkSpaceError(
    `not enough free disk space to decode ${Math.round(durationSeconds).toLocaleString('en-US')} s of audio: ` +
      `${formatBytes(needed)} needed in the work folder, ${formatBytes(free)} free on ${at}`
  )
}
