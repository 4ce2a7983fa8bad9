// Download progress for the UI and the CLI: bytes, a smoothed rate and an ETA, at most one
// report every PROGRESS_EVERY_MS unless forced (state changes).
import type { DownloadProgress } from '@shared/models'

const PROGRESS_EVERY_MS = 200

export class Meter {
  private lastEmit = 0
  private windowStart = Date.now()
  private windowBytes = 0
  private rate = 0

  constructor(
    private readonly name: string,
    private readonly onProgress: (p: DownloadProgress) => void
  ) {}

  add(bytes: number): void {
    this.windowBytes += bytes
    const now = Date.now()
    if (now - this.windowStart >= 500) {
      const instant = (this.windowBytes * 1000) / (now - this.windowStart)
      this.rate = this.rate === 0 ? instant : this.rate * 0.6 + instant * 0.4
      this.windowStart = now
      this.windowBytes = 0
    }
  }

  emit(
    received: number,
    total: number | null,
    state: DownloadProgress['state'],
    force = false,
    error: string | null = null
  ): void {
    const now = Date.now()
    if (!force && now - this.lastEmit < PROGRESS_EVERY_MS) return
    this.lastEmit = now
    const eta =
      total !== null && this.rate > 0
        ? Math.max(0, Math.round((total - received) / this.rate))
        : null
    this.onProgress({
      name: this.name,
      receivedBytes: received,
      totalBytes: total,
      bytesPerSecond: Math.round(this.rate),
      etaSeconds: state === 'downloading' ? eta : null,
      state,
      error
    })
  }
}
