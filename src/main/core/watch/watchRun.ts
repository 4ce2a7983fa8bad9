// One watch's shared state: its options (the CLI's watch reconfigures them), the folders it
// watches now with the files settling in each, its tally, and the one queue every take, resume
// and export goes through, in order.
import { oneLineError } from '@shared/errors'
import type { RequestContext } from '@shared/ipc/contract'
import type { WatchFolder, WatchFolderStatus } from '@shared/watch'
import type { WatchDeps } from './watchDeps'
import type { FolderWatch } from './folderWatch'
import type { WatchRepository } from './watchRepository'

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

/** A file seen but not taken yet: its last size and mtime, and since when they hold. */
export interface Settling {
  size: number
  mtimeMs: number
  since: number
  firstSeen: number
  announced: boolean
}

export interface LiveFolder {
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

/** A file in these states still waits for its job (or for the job it is linked to). */
export const OPEN_STATES = ['queued', 'linked'] as const

export class WatchRun {
  readonly live = new Map<number, LiveFolder>()
  readonly tally: WatchTally = { transcribed: 0, linked: 0, notMedia: 0, skipped: 0, failed: 0 }
  stopping = false
  private taking: Promise<void> = Promise.resolve()
  private waiting: (() => void)[] = []

  constructor(public o: WatchServiceOptions) {}

  /**
   * Runs `step` after every step queued before it; a failure becomes one log line and the queue
   * goes on. Takes run one at a time, so two copies of one content in one batch make one job.
   */
  enqueue(
    step: () => Promise<void>,
    onError = (error: unknown): void => this.o.log(`watch: ${oneLineError(error)}`)
  ): Promise<void> {
    this.taking = this.taking
      .then(step)
      .catch(onError)
      .finally(() => this.changed())
    return this.taking
  }

  /** Resolves at the next change: a queued step ended, or a look at the settling files did. */
  nextChange(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  changed(): void {
    const waiting = this.waiting
    this.waiting = []
    for (const resolve of waiting) resolve()
  }

  /** Resolves once every step queued so far has run. */
  drained(): Promise<void> {
    return this.taking
  }
}
