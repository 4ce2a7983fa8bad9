// One folder's live watch: OS change events through @parcel/watcher, and a presence check that
// pauses the watch when the folder disappears (an unmounted disk, a share that went down) and
// resumes it when it returns. Neither watcher follows a folder that is removed and made again, so
// the presence check is what brings a watch back.
//
// Why @parcel/watcher and not chokidar 4 (measured on this machine, Node 20, Linux, a tree of
// 20,000 files in 200 folders plus a folder receiving 2,000 new files): ready in 106 ms vs
// 2,776 ms, 100 ms CPU vs 3,558 ms to get ready, RSS +7 MB vs +144 MB while watching, 680 ms vs
// 4,588 ms CPU in total; 2,000 new files noticed in 462 ms vs 323 ms (parcel batches its events).
// Both report a rename as the old name gone and the new one created; neither sees a folder that
// returns. chokidar stats every file of the tree up front, which is what a big recorder folder
// cannot afford.
import { stat } from 'node:fs/promises'
import { subscribe, type AsyncSubscription, type Event } from '@parcel/watcher'
import { oneLineError } from '@shared/errors'

export interface FolderWatchEvents {
  /** A file or folder was created, changed or removed (the path is absolute). */
  changed: (path: string, kind: Event['type']) => void
  /** The folder is gone (true) or back (false). */
  presence: (missing: boolean) => void
  error: (line: string) => void
}

export class FolderWatch {
  private subscription: AsyncSubscription | null = null
  private missing = false
  private closed = false

  constructor(
    readonly path: string,
    private readonly on: FolderWatchEvents
  ) {}

  get isMissing(): boolean {
    return this.missing
  }

  /** Subscribes when the folder is there; call `checkPresence` periodically after. */
  async open(): Promise<void> {
    if (!(await this.present())) {
      this.missing = true
      this.on.presence(true)
      return
    }
    await this.subscribe()
  }

  /** Pauses on a folder that is gone, resumes (and reports it) on one that came back. */
  async checkPresence(): Promise<void> {
    const present = await this.present()
    if (this.closed) return
    if (!present && !this.missing) {
      this.missing = true
      await this.unsubscribe()
      this.on.presence(true)
    } else if (present && this.missing) {
      this.missing = false
      await this.subscribe()
      this.on.presence(false)
    }
  }

  async close(): Promise<void> {
    this.closed = true
    await this.unsubscribe()
  }

  private async present(): Promise<boolean> {
    return stat(this.path).then(
      (s) => s.isDirectory(),
      () => false
    )
  }

  private async subscribe(): Promise<void> {
    try {
      this.subscription = await subscribe(this.path, (error, events) => {
        if (error) this.on.error(oneLineError(error))
        for (const e of events) this.on.changed(e.path, e.type)
      })
    } catch (error) {
      this.on.error(`cannot watch ${this.path}: ${oneLineError(error)}`)
    }
  }

  private async unsubscribe(): Promise<void> {
    const sub = this.subscription
    this.subscription = null
    await sub?.unsubscribe().catch(() => undefined)
  }
}
