// The watcher: watch folders → jobs. The service the hosts hold: the folders (add, pause,
// remove, list), starting and stopping the watch, and its heartbeat (one tick re-checks presence
// and the settling files). The steps live beside it: finding files (folderScan.ts), waiting for
// them to stop growing (fileSettling.ts), taking them as jobs (fileTake.ts), what happens when a
// job ends or a restart finds files left open (watchRecovery.ts), the export (watchExport.ts) and
// the folders' status (watchStatus.ts). Every step is written to the database first
// (watch_files), so a restart resumes interrupted jobs, exports what finished meanwhile, and
// finds the files that arrived while nothing ran.
import type {
  WatchFolder,
  WatchFolderInput,
  WatchFolderStatus,
  WatchFolderView
} from '@shared/watch'
import { checkSettling } from './fileSettling'
import { changed, presence, scan } from './folderScan'
import { FolderWatch } from './folderWatch'
import { jobChanged, recover } from './watchRecovery'
import { folderConflict, watchableFolder } from './watchRules'
import {
  OPEN_STATES,
  WatchRun,
  type LiveFolder,
  type WatchServiceOptions,
  type WatchTally
} from './watchRun'
import { folderStatuses } from './watchStatus'

export type { WatchServiceOptions, WatchTally } from './watchRun'

export class WatchService {
  private readonly run: WatchRun
  private timer: NodeJS.Timeout | null = null
  private offJobs: (() => void) | null = null
  private ticking = false
  private started = false
  private lastStatus = ''
  readonly tally: WatchTally

  constructor(o: WatchServiceOptions) {
    this.run = new WatchRun(o)
    this.tally = this.run.tally
  }

  private get o(): WatchServiceOptions {
    return this.run.o
  }

  /** The CLI's watch: its own client, settle time and log instead of the host's. */
  configure(change: Partial<Omit<WatchServiceOptions, 'deps' | 'repo'>>): void {
    this.run.o = { ...this.run.o, ...change }
  }

  /** Adds (or with `replace`, updates) a folder; throws with the one-line reason it is refused. */
  async add(input: WatchFolderInput, replace = false): Promise<WatchFolder> {
    const real = await watchableFolder(input.path)
    if ('problem' in real) throw new Error(real.problem)
    const wanted = { ...input, path: real.real }
    const others = this.o.repo.folders().filter((f) => !(replace && f.path === wanted.path))
    const conflict = folderConflict(wanted, others)
    if (conflict) throw new Error(conflict)
    return this.o.repo.upsertFolder(wanted)
  }

  /** Settings → Watch folders: adds a folder and, when the watch runs, watches it at once. */
  async addAndWatch(input: WatchFolderInput): Promise<WatchFolder> {
    const folder = await this.add(input)
    if (this.started) await this.startFolder(folder)
    this.reportStatus()
    return folder
  }

  async remove(id: number): Promise<boolean> {
    await this.run.live.get(id)?.watch?.close()
    this.run.live.delete(id)
    const removed = this.o.repo.removeFolder(id)
    this.reportStatus()
    return removed
  }

  async setPaused(id: number, paused: boolean): Promise<WatchFolder> {
    if (!this.o.repo.setPaused(id, paused)) throw new Error(`watch folder ${id} does not exist`)
    const folder = this.o.repo.folder(id) as WatchFolder
    if (paused) {
      await this.run.live.get(id)?.watch?.close()
      this.run.live.delete(id)
    } else if (this.started && !this.run.live.has(id)) await this.startFolder(folder)
    this.reportStatus()
    return folder
  }

  list(): WatchFolderView[] {
    const status = new Map(this.status().map((s) => [s.folderId, s]))
    return this.o.repo
      .folders()
      .map((f) => ({ ...f, status: status.get(f.id) as WatchFolderStatus }))
  }

  /** Starts watching these folders (all saved ones by default): recovery, a scan, then events. */
  async start(folderIds?: number[]): Promise<void> {
    this.started = true
    this.offJobs ??= this.o.deps.onJobUpdated((job) => jobChanged(this.run, job))
    const folders = this.o.repo.folders().filter((f) => !folderIds || folderIds.includes(f.id))
    for (const folder of folders.filter((f) => !f.paused)) await this.startFolder(folder)
    this.timer ??= setInterval(() => void this.tick(), Math.min(500, this.o.settleMs / 2))
  }

  /** Resolves once nothing settles, nothing is being taken and no file waits for its job. */
  async idle(): Promise<void> {
    const { live } = this.run
    for (;;) {
      // Taken before the look, so a change during it is not missed.
      const change = this.run.nextChange()
      await this.run.drained()
      const settling = [...live.values()].some((l) => l.settling.size > 0)
      const open = [...live.keys()].some((id) => this.o.repo.files(id, OPEN_STATES).length > 0)
      if (!settling && !open) return
      await change
    }
  }

  async stop(): Promise<void> {
    this.run.stopping = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.offJobs?.()
    for (const l of this.run.live.values()) await l.watch?.close()
    this.run.live.clear()
    await this.run.drained()
  }

  status(): WatchFolderStatus[] {
    return folderStatuses(this.run)
  }

  private reportStatus(): void {
    if (!this.o.onStatus) return
    const status = this.status()
    const text = JSON.stringify(status)
    if (text === this.lastStatus) return
    this.lastStatus = text
    this.o.onStatus(status)
  }

  private async startFolder(folder: WatchFolder): Promise<void> {
    const l: LiveFolder = { folder, watch: null, settling: new Map() }
    this.run.live.set(folder.id, l)
    if (this.o.live !== false) {
      l.watch = new FolderWatch(folder.path, {
        changed: (path, kind) => changed(this.run, l, path, kind),
        presence: (missing) => presence(this.run, l, missing),
        error: (line) => this.o.log(`watch ${folder.path}: ${line}`)
      })
      await l.watch.open()
    }
    await recover(this.run, l)
    await scan(this.run, l)
  }

  /** One pass over presence and settling files; a pass still running makes the next one wait. */
  private async tick(): Promise<void> {
    if (this.ticking) return
    this.ticking = true
    try {
      for (const l of this.run.live.values()) {
        await l.watch?.checkPresence()
        for (const [path, s] of l.settling) await checkSettling(this.run, l, path, s)
      }
      this.reportStatus()
    } finally {
      this.ticking = false
      this.run.changed()
    }
  }
}
