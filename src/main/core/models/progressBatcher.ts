// Download progress crosses IPC in batches, like logs: the latest state of each download, at
// most every `intervalMs`, so a fast download never floods the renderer with one message a chunk.
import type { DownloadProgress } from '@shared/models'

export class ProgressBatcher {
  private readonly pending = new Map<string, DownloadProgress>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly flush: (batch: DownloadProgress[]) => void,
    private readonly intervalMs = 200
  ) {}

  push(p: DownloadProgress): void {
    this.pending.set(p.name, p)
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      const batch = [...this.pending.values()]
      this.pending.clear()
      if (batch.length > 0) this.flush(batch)
    }, this.intervalMs)
    this.timer.unref()
  }
}
