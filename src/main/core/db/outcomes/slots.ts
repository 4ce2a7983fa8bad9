// A held outcome (see ./ledger) must outlive the process that holds it: a CLI that exits on
// a full disk must not leave its completed job to be failed later as "orphaned". Writing a new
// file then would need the very disk space that is missing, so each running job gets its slot
// at start: `<dataDir>/outcomes/job-N.json`, written with padding to a fixed size while the disk
// still has room. A refused outcome overwrites that slot in place: the file never grows, so the
// file system needs no new blocks (true of ext4, xfs, tmpfs; copy-on-write file systems such as
// btrfs or ZFS may still refuse). Whoever opens the database next applies it (./pending).
// The padding is spaces, so a slot is always one JSON document followed by whitespace.
import {
  closeSync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync
} from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { JobOutcomeSchema } from './outcome'

/** Big enough for a completed job's output paths (a few formats, long folders) and a reason. */
export const SLOT_BYTES = 16 * 1024

const SLOT_NAME = /^job-(\d+)\.json$/

export const OutcomeSlotSchema = z.object({
  jobId: z.number().int().positive(),
  /** The run the slot belongs to (the row's started_at); null when unknown. */
  startedAt: z.number().nullable(),
  held: z
    .object({
      outcome: JobOutcomeSchema,
      /** The database's refusal, one line. */
      error: z.string(),
      since: z.number()
    })
    .optional()
})
export type OutcomeSlot = z.infer<typeof OutcomeSlotSchema>

export class OutcomeSlots {
  /** started_at of each run this process prepared a slot for. */
  private readonly runs = new Map<number, number>()

  constructor(readonly dir: string) {}

  pathOf(jobId: number): string {
    return join(this.dir, `job-${jobId}.json`)
  }

  /** Reserves the job's slot at full size (call while the disk has room: at the job's start). */
  prepare(jobId: number, startedAt: number): void {
    this.runs.set(jobId, startedAt)
    mkdirSync(this.dir, { recursive: true })
    try {
      writeSlot(this.pathOf(jobId), { jobId, startedAt }, 'w')
    } catch (error) {
      // A slot cut short by a full disk would only be read as damaged later.
      removeSlot(this.pathOf(jobId))
      throw error
    }
  }

  /**
   * Writes a refused outcome into the job's slot, in place. Returns the slot's path, or null when
   * it could not be written (then the outcome lives only in this process's memory).
   */
  hold(jobId: number, held: NonNullable<OutcomeSlot['held']>): string | null {
    const path = this.pathOf(jobId)
    const slot = { jobId, startedAt: this.runs.get(jobId) ?? null, held }
    try {
      // 'r+' overwrites the reserved bytes; with no reserved slot, creating one is worth a try.
      writeSlot(path, slot, 'r+')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null
      try {
        mkdirSync(this.dir, { recursive: true })
        writeSlot(path, slot, 'w')
      } catch {
        return null
      }
    }
    return path
  }

  /** The job's outcome is in the database (or its run is over): its slot goes. */
  release(jobId: number): void {
    this.runs.delete(jobId)
    removeSlot(this.pathOf(jobId))
  }
}

export interface SlotFile {
  path: string
  jobId: number
  /** Null when it cannot be read as a slot (being written right now, or damaged). */
  slot: OutcomeSlot | null
  modifiedAt: number
}

/** Every slot file under `dir`. */
export function readSlots(dir: string): SlotFile[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names.flatMap((name) => {
    const match = SLOT_NAME.exec(name)
    if (!match) return []
    const path = join(dir, name)
    return [{ path, jobId: Number(match[1]), slot: parseSlot(path), modifiedAt: mtimeOf(path) }]
  })
}

function parseSlot(path: string): OutcomeSlot | null {
  try {
    const parsed = OutcomeSlotSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs
  } catch {
    return 0
  }
}

export function removeSlot(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Already gone (another process applied it), or not ours to remove now: the next sweep.
  }
}

/** One write of SLOT_BYTES at offset 0 (more only if the text is longer), then to the disk. */
function writeSlot(path: string, slot: OutcomeSlot, flags: 'w' | 'r+'): void {
  const text = JSON.stringify(slot)
  const bytes = Buffer.alloc(Math.max(SLOT_BYTES, Buffer.byteLength(text)), 0x20)
  bytes.write(text, 0, 'utf8')
  const fd = openSync(path, flags)
  try {
    writeSync(fd, bytes, 0, bytes.length, 0)
    fdatasyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
