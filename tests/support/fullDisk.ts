// A real full disk for tests: a small tmpfs mounted for the test, filled to the last byte and
// freed again. Mounting needs root (CI here runs as root); elsewhere `whyNoFullDisk()` says why
// the test did not run, and the test reports itself as skipped with that reason.
import { execFileSync } from 'node:child_process'
import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  statfsSync,
  unlinkSync,
  writeSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SmallDisk {
  dir: string
  /** Writes a filler file until the file system says ENOSPC, down to single bytes. */
  fill(): void
  /**
   * Keeps the disk full until the returned function is called: space something else frees (a
   * job's work folder removed at its end) is taken back within milliseconds.
   */
  keepFull(): () => void
  /** Removes the filler. */
  free(): void
  unmount(): void
}

let probed: string | null | undefined

/** Null when a tmpfs can be mounted here; else the reason it cannot. */
export function whyNoFullDisk(): string | null {
  if (probed !== undefined) return probed
  if (process.platform !== 'linux') return (probed = 'needs Linux (tmpfs)')
  if (process.getuid?.() !== 0) return (probed = 'needs root to mount a small tmpfs')
  try {
    const disk = mountSmallDisk(1)
    disk.unmount()
    probed = null
  } catch (error) {
    probed = `cannot mount a tmpfs here: ${(error as Error).message.split('\n')[0]}`
  }
  return probed
}

export function mountSmallDisk(sizeMb: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-smalldisk-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' })
  const filler = join(dir, 'filler')
  // Test files share a worker: a filler a failed test never stopped must end with its disk, not
  // go on into the next file.
  const fillers = new Set<NodeJS.Timeout>()
  const stop = (timer: NodeJS.Timeout): void => {
    clearInterval(timer)
    fillers.delete(timer)
  }
  const disk: SmallDisk = {
    dir,
    keepFull() {
      disk.fill()
      const timer = setInterval(() => {
        try {
          if (statfsSync(dir).bavail > 0) disk.fill()
        } catch {
          stop(timer) // the disk is gone
        }
      }, 2)
      fillers.add(timer)
      return () => stop(timer)
    },
    fill() {
      const fd = openSync(filler, 'a')
      try {
        for (let size = 1 << 20; size >= 1; size >>= 1) {
          const block = Buffer.alloc(size, 0x5a)
          try {
            for (;;) writeSync(fd, block)
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
          }
        }
      } finally {
        closeSync(fd)
      }
    },
    free() {
      try {
        unlinkSync(filler)
      } catch {
        // Not filled.
      }
    },
    unmount() {
      for (const timer of fillers) stop(timer)
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' })
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return disk
}
