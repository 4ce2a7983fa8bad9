// One download owns a .part: `<dest>.part.lock` names its process (pid, host, and where the OS
// tells, the process's start time, so a recycled pid is not mistaken for the owner). A second
// process pulling the same model is refused with one line; a lock left by a process that is gone
// (killed, crashed) is taken over. The lock file appears whole (written aside, then hard-linked
// into place), so nobody ever reads a half-written one.
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { hostname } from 'node:os'
import { basename } from 'node:path'
import { z } from 'zod'
import { DownloadError } from './downloadError'

const OwnerSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  started: z.string().nullable()
})
type Owner = z.infer<typeof OwnerSchema>

export interface PartLock {
  release(): Promise<void>
}

const lockPath = (dest: string): string => `${dest}.part.lock`

/** Linux: the process's start time in clock ticks since boot (field 22 of /proc/PID/stat). */
async function startTimeOf(pid: number): Promise<string | null> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

async function isAlive(owner: Owner): Promise<boolean> {
  if (owner.host !== hostname()) return true // another machine's process: we cannot tell
  try {
    process.kill(owner.pid, 0)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  const started = await startTimeOf(owner.pid)
  return owner.started === null || started === null || started === owner.started
}

function parseOwner(text: string): Owner | null {
  try {
    return OwnerSchema.parse(JSON.parse(text))
  } catch {
    return null
  }
}

async function tryCreate(path: string, text: string): Promise<boolean> {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`
  await fs.writeFile(aside, text)
  try {
    await fs.link(aside, path)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    await fs.rm(aside, { force: true })
  }
}

const readText = (path: string): Promise<string | null> =>
  fs.readFile(path, 'utf8').catch(() => null)

export async function lockPart(dest: string): Promise<PartLock> {
  const path = lockPath(dest)
  const me = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    started: await startTimeOf(process.pid)
  } satisfies Owner)
  const release = async (): Promise<void> => {
    if ((await readText(path)) === me) await fs.rm(path, { force: true })
  }
  for (let tries = 0; tries < 3; tries++) {
    if (await tryCreate(path, me)) return { release }
    const text = await readText(path)
    if (text === null) continue // released meanwhile
    const owner = parseOwner(text)
    if (owner && (await isAlive(owner)))
      throw new DownloadError(
        `${basename(dest)} is already being downloaded by process ${owner.pid}` +
          `${owner.host === hostname() ? '' : ` on ${owner.host}`}; wait for it to finish (lock: ${path})`
      )
    // Its owner is gone. Remove it only if it is still the lock we judged: another process may
    // have taken it over in between.
    if ((await readText(path)) === text) await fs.rm(path, { force: true })
  }
  throw new DownloadError(`cannot take the download lock ${path}: it keeps changing`)
}
