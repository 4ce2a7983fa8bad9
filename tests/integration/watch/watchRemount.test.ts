// A watched folder that is a mount point: the disk is unmounted and another mounted on the same
// directory (a NAS share back after a drop, a card reader's disk in fstab). The directory stays at
// its path throughout, so only its identity tells the watch that the folder it subscribed to is
// gone; a recording copied onto the new disk is taken and transcribed. Before, the subscription
// stayed on the unmounted disk and the new recording was never seen. Mounting needs root (CI here
// runs as root); elsewhere the test reports itself skipped with the reason.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { makeTempDir, removeDir } from '../../support/db'
import { whyNoFullDisk } from '../../support/fullDisk'
import { espeakSpeech } from '../../support/speech'
import { waitFor } from '../../support/waitFor'
import { WATCH_CLIENT, watchFolder, type WatchedFolder } from '../../support/watchedFolder'

const noMount = whyNoFullDisk()
let dir = ''
let watched: WatchedFolder | null = null
afterEach(async () => {
  await watched?.close()
  watched = null
  removeDir(dir)
})

const mountTmpfs = (at: string): void =>
  void execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', at], { stdio: 'pipe' })
const unmount = (at: string, ...flags: string[]): void =>
  void execFileSync('umount', [...flags, at], { stdio: 'pipe' })

test.skipIf(noMount !== null)(
  `a disk unmounted and another mounted on the watched folder: a recording copied onto it is transcribed${noMount ? ` (not run: ${noMount})` : ''}`,
  async () => {
    dir = makeTempDir('transcriptor-watch-remount-')
    const mountPoint = join(dir, 'recorder')
    const out = join(dir, 'transcripts')
    mkdirSync(mountPoint)
    const clip = espeakSpeech(dir, 'hello world', 'clip.wav')
    mountTmpfs(mountPoint)
    let mounted = true
    try {
      watched = await watchFolder(join(dir, 'data'), mountPoint, out)
      const { service, lines } = watched

      // The disk goes and another takes its place; the directory never leaves its path.
      unmount(mountPoint)
      mounted = false
      mountTmpfs(mountPoint)
      mounted = true
      copyFileSync(clip, join(mountPoint, 'meeting.wav'))

      const exported = join(out, 'meeting.txt')
      const exportedOne = async (): Promise<boolean> => (await watched?.exported()) === 1
      await waitFor(exportedOne, `${exported} to be written`, 30_000, 100).catch(
        (error: unknown) => {
          throw new Error(`${String(error)}\n--- the watch said ---\n${lines.join('\n')}`)
        }
      )
      expect(readFileSync(exported, 'utf8').trim()).toBe('hello world')
      const jobs = await service.handlers['jobs.list']({}, WATCH_CLIENT)
      expect(jobs.map((j) => j.status)).toEqual(['completed'])
      expect(lines).toContainEqual(
        `replaced  ${mountPoint}: another folder is at this path now (disk mounted again?); watching it`
      )
      const [folder] = await service.handlers['watch.list']({}, WATCH_CLIENT)
      expect(folder.status).toMatchObject({ state: 'watching', message: '' })
    } finally {
      if (mounted) unmount(mountPoint, '-l')
    }
  },
  60_000
)
