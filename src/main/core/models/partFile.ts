// A download in progress lives in `<dest>.part`; the sidecar `<dest>.part.json` remembers which
// URL and size the .part belongs to, so a .part from another URL or of another size is
// restarted, never appended to.
import { promises as fs } from 'node:fs'

export interface PartMeta {
  url: string
  totalBytes: number | null
}

export const partPath = (dest: string): string => `${dest}.part`
const metaPath = (dest: string): string => `${dest}.part.json`

export async function readMeta(dest: string): Promise<PartMeta | null> {
  try {
    return JSON.parse(await fs.readFile(metaPath(dest), 'utf8')) as PartMeta
  } catch {
    return null
  }
}

export async function writeMeta(dest: string, meta: PartMeta): Promise<void> {
  await fs.writeFile(metaPath(dest), JSON.stringify(meta))
}

export async function removeMeta(dest: string): Promise<void> {
  await fs.rm(metaPath(dest), { force: true })
}

export async function sizeOf(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size
  } catch {
    return 0
  }
}

export async function removePart(dest: string): Promise<void> {
  await fs.rm(partPath(dest), { force: true })
  await removeMeta(dest)
}
