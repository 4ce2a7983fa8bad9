// The watcher: watch folders → jobs. A file is taken once it has stopped growing (its size and
// mtime unchanged for `settleMs`); its content hash decides whether it needs a job (new content),
// or is linked to the job that has that content already (exported again, not re-run). Every step
// is written to the database first (watch_files), so a restart resumes interrupted jobs, exports
// what finished meanwhile, and finds the files that arrived while nothing ran.
import { stat } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { isTerminalStatus, type JobRow } from '@shared/domain'
import { oneLineError } from '@shared/errors'
import { isMediaName } from '@shared/mediaFiles'
import type { RequestContext } from '@shared/ipc/contract'
import type {
  WatchFolder,
  WatchFolderInput,
  WatchFolderStatus,
  WatchFolderView
} from '@shared/watch'
import type { WatchDeps } from './watchDeps'
import { autoExport } from './autoExport'
import { contentHash } from './contentHash'
import { folderFiles } from './folderFiles'
import { FolderWatch } from './folderWatch'
import type { WatchFileRow, WatchRepository } from './watchRepository'
import { folderConflict, isIgnoredName, watchableFolder } from './watchRules'

export interface WatchServiceOptions {
  deps: WatchDeps
  repo: WatchRepository
  /** Who owns the jobs the watch creates (stopping that client stops them). */
  client: RequestContext
  /** How long a file must keep its size and mtime to be taken. */
  settleMs: number
  /** A file still growing after this long is named in the folder's status. */
  growingNoticeMs?: number
  /** One line per thing a person wants to know (taken, linked, exported, skipped…). */
  log: (line: string) => void
  /** Subscribe to OS events (false for `--once`: one scan is all it needs). */
  live?: boolean
  /** Every folder's status, whenever it changed (at most once per tick). */
  onStatus?: (status: WatchFolderStatus[]) => void
}

interface Settling {
  size: number
  mtimeMs: number
  since: number
  firstSeen: number
  announced: boolean
}

interface LiveFolder {
  folder: WatchFolder
  watch: FolderWatch | null
  settling: Map<string, Settling>
}

/** What this run did, for the summary line. */
export interface WatchTally {
  transcribed: number
  linked: number
  notMedia: number
  skipped: number
  failed: number
}

const OPEN_STATES = ['queued', 'linked'] as const
/** How the reaper's error begins (core/process/orphanReaper.ts). */
const ORPHANED = 'orphaned: '

export class WatchService {
  private readonly live = new Map<number, LiveFolder>()
  private taking: Promise<void> = Promise.resolve()
  private timer: NodeJS.Timeout | null = null
  private offJobs: (() => void) | null = null
  private stopping = false
  private ticking = false
  private started = false
  readonly tally: WatchTally = { transcribed: 0, linked: 0, notMedia: 0, skipped: 0, failed: 0 }

  private lastStatus = ''

  constructor(private o: WatchServiceOptions) {}

  /** The CLI's watch: its own client, settle time and log instead of the host's. */
  configure(change: Partial<Omit<WatchServiceOptions, 'deps' | 'repo'>>): void {
    this.o = { ...this.o, ...change }
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
    await this.live.get(id)?.watch?.close()
    this.live.delete(id)
    const removed = this.o.repo.removeFolder(id)
    this.reportStatus()
    return removed
  }

  async setPaused(id: number, paused: boolean): Promise<WatchFolder> {
    if (!this.o.repo.setPaused(id, paused)) throw new Error(`watch folder ${id} does not exist`)
    const folder = this.o.repo.folder(id) as WatchFolder
    if (paused) {
      await this.live.get(id)?.watch?.close()
      this.live.delete(id)
    } else if (this.started && !this.live.has(id)) await this.startFolder(folder)
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
    this.offJobs ??= this.o.deps.onJobUpdated((job) => this.jobChanged(job))
    const folders = this.o.repo.folders().filter((f) => !folderIds || folderIds.includes(f.id))
    for (const folder of folders.filter((f) => !f.paused)) await this.startFolder(folder)
    this.timer ??= setInterval(() => void this.tick(), Math.min(500, this.o.settleMs / 2))
  }

  /** Resolves once nothing settles, nothing is being taken and no file waits for its job. */
  async idle(): Promise<void> {
    for (;;) {
      await this.taking
      const settling = [...this.live.values()].some((l) => l.settling.size > 0)
      const open = [...this.live.keys()].some((id) => this.o.repo.files(id, OPEN_STATES).length > 0)
      if (!settling && !open) return
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  async stop(): Promise<void> {
    this.stopping = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.offJobs?.()
    for (const l of this.live.values()) await l.watch?.close()
    this.live.clear()
    await this.taking
  }

  status(): WatchFolderStatus[] {
    return this.o.repo.folders().map((folder) => {
      const l = this.live.get(folder.id)
      const c = this.o.repo.countByState(folder.id)
      const state = folder.paused ? 'paused' : l?.watch?.isMissing ? 'missing' : 'watching'
      return {
        folderId: folder.id,
        path: folder.path,
        state,
        message: l ? this.waitingMessage(l) : '',
        counts: {
          waiting: l?.settling.size ?? 0,
          queued: c.queued ?? 0,
          linked: c.linked ?? 0,
          exported: c.exported ?? 0,
          skipped: c.skipped ?? 0,
          failed: c.failed ?? 0
        },
        etaSeconds: this.eta(folder.id, (c.queued ?? 0) + (l?.settling.size ?? 0))
      }
    })
  }

  /** The folder's mean job time so far × what is left, spread over the jobs that run at once. */
  private eta(folderId: number, left: number): number | null {
    if (left === 0) return 0
    const mean = this.o.repo.meanJobSeconds(folderId)
    return mean === null
      ? null
      : Math.round((mean * left) / Math.max(1, this.o.deps.concurrentJobs()))
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
    this.live.set(folder.id, l)
    if (this.o.live !== false) {
      l.watch = new FolderWatch(folder.path, {
        changed: (path, kind) => this.changed(l, path, kind),
        presence: (missing) => this.presence(l, missing),
        error: (line) => this.o.log(`watch ${folder.path}: ${line}`)
      })
      await l.watch.open()
    }
    await this.recover(l)
    await this.scan(l)
  }

  /**
   * Files a run before left open: their job finished, was interrupted, or is gone. A job's own
   * file comes before the files linked to it: resumed first, the job is there for them to link to
   * again; taken after it was not, its copies would each start another job for the same content.
   */
  private async recover(l: LiveFolder): Promise<void> {
    const rows = this.o.repo.files(l.folder.id, OPEN_STATES)
    const owners = rows.filter((r) => r.state === 'queued')
    for (const row of [...owners, ...rows.filter((r) => r.state !== 'queued')]) {
      const id = row.job_id
      const job = id === null ? null : this.o.deps.getJob(id)
      if (!job) await this.enqueueTake(l, row.path, true)
      else if (job.status === 'completed') await this.enqueue(() => this.export(l, row, job))
      else if (isTerminalStatus(job.status)) {
        if (row.state === 'queued') await this.resume(l, row, job)
        else await this.enqueueTake(l, row.path, true)
      }
    }
  }

  private async resume(l: LiveFolder, row: WatchFileRow, job: JobRow): Promise<void> {
    try {
      await this.o.deps.resumeJob(job.id, this.o.client)
      this.o.log(`resumed   ${basename(row.path)} (job ${job.id}, interrupted before)`)
    } catch (error) {
      this.o.log(`cannot resume job ${job.id}: ${oneLineError(error)}; taking the file again`)
      await this.enqueueTake(l, row.path, true)
    }
  }

  private async scan(l: LiveFolder): Promise<void> {
    if (l.watch?.isMissing) return
    for (const path of await folderFiles(l.folder.path, l.folder.recursive)) {
      const row = this.o.repo.file(l.folder.id, path)
      if (row && (await this.unchanged(row))) continue
      this.settle(l, path)
    }
  }

  private async unchanged(row: WatchFileRow): Promise<boolean> {
    const st = await stat(row.path).catch(() => null)
    return st !== null && st.size === row.size && Math.trunc(st.mtimeMs) === row.mtime_ms
  }

  private changed(l: LiveFolder, path: string, kind: 'create' | 'update' | 'delete'): void {
    if (!l.folder.recursive && dirname(path) !== l.folder.path) return
    if (path.split('/').some((part) => part !== '' && isIgnoredName(part))) return
    if (kind === 'delete') {
      l.settling.delete(path)
      void this.vanished(l, path)
      return
    }
    void stat(path).then(
      (st) => (st.isDirectory() ? this.scan(l) : st.isFile() ? this.settle(l, path) : undefined),
      () => undefined
    )
  }

  private settle(l: LiveFolder, path: string): void {
    if (!l.settling.has(path)) {
      const now = Date.now()
      l.settling.set(path, { size: -1, mtimeMs: -1, since: now, firstSeen: now, announced: false })
    }
  }

  private presence(l: LiveFolder, missing: boolean): void {
    if (missing) {
      l.settling.clear()
      this.o.log(
        `paused    ${l.folder.path}: the folder is gone (disk unmounted or share down?); watching resumes when it returns`
      )
    } else {
      this.o.log(`resumed   ${l.folder.path}: the folder is back`)
      void this.scan(l)
    }
  }

  /** A file that vanished while its job still waited: the job is cancelled, the file skipped. */
  private async vanished(l: LiveFolder, path: string): Promise<void> {
    const row = this.o.repo.file(l.folder.id, path)
    if (!row || row.state !== 'queued' || row.job_id === null) return
    const job = this.o.deps.getJob(row.job_id)
    if (job?.status !== 'queued') return
    const reason = 'the file vanished before its turn'
    this.o.repo.setFileState(l.folder.id, path, { state: 'skipped', reason })
    this.tally.skipped++
    this.o.log(`skipped   ${basename(path)}: ${reason}`)
    await this.o.deps.stopJob(job.id, reason)
  }

  /** One pass over presence and settling files; a pass still running makes the next one wait. */
  private async tick(): Promise<void> {
    if (this.ticking) return
    this.ticking = true
    try {
      for (const l of this.live.values()) {
        await l.watch?.checkPresence()
        for (const [path, s] of l.settling) await this.checkSettling(l, path, s)
      }
      this.reportStatus()
    } finally {
      this.ticking = false
    }
  }

  private async checkSettling(l: LiveFolder, path: string, s: Settling): Promise<void> {
    const st = await stat(path).catch(() => null)
    const now = Date.now()
    if (!st?.isFile()) {
      l.settling.delete(path)
      return
    }
    if (st.size !== s.size || st.mtimeMs !== s.mtimeMs) {
      Object.assign(s, { size: st.size, mtimeMs: st.mtimeMs, since: now })
      const growingMs = this.o.growingNoticeMs ?? Math.max(30_000, this.o.settleMs * 10)
      if (!s.announced && now - s.firstSeen > growingMs) {
        s.announced = true
        this.o.log(
          `waiting   ${basename(path)}: still growing after ${Math.round((now - s.firstSeen) / 1000)} s`
        )
      }
      return
    }
    if (now - s.since < this.o.settleMs) return
    l.settling.delete(path)
    await this.enqueueTake(l, path)
  }

  private waitingMessage(l: LiveFolder): string {
    if (l.watch?.isMissing)
      return 'the folder is gone (disk unmounted or share down?): paused until it returns'
    const growing = [...l.settling.entries()].filter(([, s]) => s.announced)
    if (growing.length === 0) return ''
    const [path, s] = growing[0]
    const seconds = Math.round((Date.now() - s.firstSeen) / 1000)
    return `${growing.length} file(s) still growing: ${basename(path)} for ${seconds} s`
  }

  /** Takes run one at a time, so two copies of one content in one batch make one job. */
  /** `again`: the job it stood on is gone or failed, so its own row does not count as taken. */
  private enqueueTake(l: LiveFolder, path: string, again = false): Promise<void> {
    this.taking = this.taking.then(() =>
      this.take(l, path, again).catch((error: unknown) =>
        this.o.log(`failed    ${basename(path)}: ${oneLineError(error)}`)
      )
    )
    return this.taking
  }

  private async take(l: LiveFolder, path: string, again: boolean): Promise<void> {
    if (this.stopping) return
    const st = await stat(path).catch(() => null)
    if (!st?.isFile()) return
    const base = {
      folder_id: l.folder.id,
      path,
      size: st.size,
      mtime_ms: Math.trunc(st.mtimeMs),
      job_id: null
    }
    if (!isMediaName(path)) {
      const reason = 'not a media file'
      this.o.repo.saveFile({ ...base, content_hash: null, state: 'skipped', reason })
      this.tally.notMedia++
      this.o.log(`skipped   ${basename(path)}: ${reason}`)
      return
    }
    const hash = await contentHash(path)
    const before = this.o.repo.file(l.folder.id, path)
    // Taken already with these bytes (touched, or seen twice): only its size and mtime change.
    const taken = before?.state !== 'skipped' && before?.state !== 'failed'
    if (!again && before?.content_hash === hash && taken) {
      this.o.repo.saveFile({ ...before, ...base, job_id: before.job_id })
      return
    }
    const existing = this.o.repo.jobWithContent(hash)
    if (existing) await this.link(l, { ...base, content_hash: hash }, existing)
    else await this.createJob(l, { ...base, content_hash: hash })
  }

  private async link(
    l: LiveFolder,
    base: Omit<WatchFileRow, 'state' | 'reason' | 'outputs'>,
    job: JobRow
  ): Promise<void> {
    const reason = `same content as job ${job.id} (${job.filename}): its transcript is reused, not re-run`
    const row = { ...base, job_id: job.id, state: 'linked' as const, reason }
    this.o.repo.saveFile(row)
    this.o.log(`linked    ${basename(base.path)}: ${reason}`)
    if (job.status === 'completed') await this.export(l, { ...row, outputs: null }, job)
  }

  private async createJob(
    l: LiveFolder,
    base: Omit<WatchFileRow, 'state' | 'reason' | 'outputs'>
  ): Promise<void> {
    const job = await this.o.deps.createJob(base.path, l.folder.options, this.o.client)
    this.o.repo.setJobContentHash(job.id, base.content_hash as string)
    if (job.status === 'failed') {
      this.o.repo.saveFile({ ...base, job_id: job.id, state: 'failed', reason: job.error_message })
      this.tally.failed++
      this.o.log(`failed    ${basename(base.path)}: ${job.error_message ?? 'unknown error'}`)
      return
    }
    this.o.repo.saveFile({ ...base, job_id: job.id, state: 'queued', reason: null })
    this.o.log(`queued    ${basename(base.path)} (job ${job.id})`)
  }

  private jobChanged(job: JobRow): void {
    if (!isTerminalStatus(job.status) || this.stopping) return
    for (const row of this.o.repo.filesOfJob(job.id)) {
      const l = this.live.get(row.folder_id)
      if (!l) continue
      if (job.status === 'completed') void this.enqueue(() => this.export(l, row, job))
      else if (row.state === 'linked') void this.enqueueTake(l, row.path, true)
      // The reaper's verdict on a job whose host died (a kill -9 before this start): resumed.
      else if (job.status === 'failed' && job.error_message?.startsWith(ORPHANED))
        void this.enqueue(() => this.resume(l, row, job))
      else if (job.status === 'failed') {
        const reason = job.error_message ?? 'the job failed'
        this.o.repo.setFileState(row.folder_id, row.path, { state: 'failed', reason })
        this.tally.failed++
        this.o.log(`failed    ${basename(row.path)}: ${reason}`)
      }
    }
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.taking = this.taking
      .then(step)
      .catch((error: unknown) => this.o.log(`watch: ${oneLineError(error)}`))
    return this.taking
  }

  private async export(l: LiveFolder, row: WatchFileRow, job: JobRow): Promise<void> {
    const current = this.o.repo.file(row.folder_id, row.path)
    if (!current || current.state === 'exported') return
    const transcript = this.o.deps.transcript(job.id)
    if (!transcript) {
      const reason = `job ${job.id} has no transcript to export`
      this.o.repo.setFileState(row.folder_id, row.path, { state: 'failed', reason })
      this.tally.failed++
      return
    }
    const outputs = await autoExport(l.folder, row.path, job, transcript, {
      earlier: current.outputs === null ? null : (JSON.parse(current.outputs) as string[]),
      claimed: (paths) =>
        this.o.repo.setFileState(row.folder_id, row.path, {
          state: current.state,
          reason: current.reason,
          outputs: paths
        })
    })
    const linked = current.state === 'linked'
    this.o.repo.setFileState(row.folder_id, row.path, {
      state: 'exported',
      reason: current.reason,
      outputs
    })
    if (linked) this.tally.linked++
    else this.tally.transcribed++
    this.o.log(
      `exported  ${basename(row.path)} → ${outputs.join(', ')}${linked ? ` (reused job ${job.id})` : ''}`
    )
  }
}
