// What the host has to tell one page, held per connection so that one slow page (a stalled tab,
// a slow network) costs bounded memory and never slows the others or the job. Messages go out
// only while the socket's own buffer (ws `bufferedAmount`) is below a high-water mark; the rest
// waits here, shaped so it cannot grow without bound:
// - log lines are coalesced per job into one batch; past the byte bound the OLDEST waiting lines
//   are dropped and the page is told with one line "… N lines skipped — open the full log";
// - metrics keep only the newest sample per job (a sparkline misses a point, nothing more);
// - replies and the other events (rare, small) keep their order.

export interface OutboxSocket {
  readonly bufferedAmount: number
  readonly readyState: number
  readonly OPEN: number
  send(data: string, callback: (error?: Error) => void): void
}

export interface OutboxOptions {
  /** Stop handing data to the socket while this much is still unsent (default 1 MB). */
  highWaterBytes?: number
  /** Log text waiting per connection before the oldest lines are dropped (default 2 MB). */
  maxPendingLogBytes?: number
  /** How often to retry while the socket is above the high-water mark (default 50 ms). */
  retryMs?: number
  onSendError?: (error: Error) => void
}

interface PendingLog {
  lines: string[]
  bytes: number
  skipped: number
}

export function skippedLinesMarker(n: number): string {
  return `[transcriptor] … ${n} line${n === 1 ? '' : 's'} skipped — open the full log`
}

export class ClientOutbox {
  private readonly ordered: string[] = []
  private readonly metrics = new Map<number, string>()
  private readonly logs = new Map<number, PendingLog>()
  private logBytes = 0
  private timer: NodeJS.Timeout | null = null
  private readonly highWater: number
  private readonly maxLogBytes: number
  private closed = false

  constructor(
    private readonly socket: OutboxSocket,
    private readonly o: OutboxOptions = {}
  ) {
    this.highWater = o.highWaterBytes ?? 1024 * 1024
    this.maxLogBytes = o.maxPendingLogBytes ?? 2 * 1024 * 1024
  }

  push(
    message: { event: string; payload: unknown } | { id: number | null; result: unknown }
  ): void {
    if (this.closed) return
    if ('event' in message && message.event === 'job.logs') {
      const { jobId, lines } = message.payload as { jobId: number; lines: string[] }
      this.addLogLines(jobId, lines)
    } else if ('event' in message && message.event === 'job.metrics') {
      const { jobId } = message.payload as { jobId: number }
      this.metrics.set(jobId, JSON.stringify(message))
    } else {
      this.ordered.push(JSON.stringify(message))
    }
    this.pump()
  }

  /** Bytes of log text waiting (tests and the bench read it). */
  pendingLogBytes(): number {
    return this.logBytes
  }

  /** Whether anything waits to be sent. */
  hasBacklog(): boolean {
    return (
      this.ordered.length > 0 ||
      this.metrics.size > 0 ||
      this.logs.size > 0 ||
      this.socket.bufferedAmount > 0
    )
  }

  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.ordered.length = 0
    this.metrics.clear()
    this.logs.clear()
    this.logBytes = 0
  }

  private addLogLines(jobId: number, lines: string[]): void {
    let pending = this.logs.get(jobId)
    if (!pending) this.logs.set(jobId, (pending = { lines: [], bytes: 0, skipped: 0 }))
    for (const line of lines) {
      pending.lines.push(line)
      const size = line.length + 1
      pending.bytes += size
      this.logBytes += size
    }
    // Over the bound: the oldest waiting lines go (of the job holding the most), counted.
    while (this.logBytes > this.maxLogBytes) {
      const biggest = [...this.logs.values()].reduce((a, b) => (b.bytes > a.bytes ? b : a))
      const drop = Math.max(1, Math.ceil(biggest.lines.length / 4))
      const dropped = biggest.lines.splice(0, drop)
      const size = dropped.reduce((sum, l) => sum + l.length + 1, 0)
      biggest.bytes -= size
      this.logBytes -= size
      biggest.skipped += dropped.length
    }
  }

  private nextMessage(): string | null {
    const ordered = this.ordered.shift()
    if (ordered !== undefined) return ordered
    for (const [jobId, text] of this.metrics) {
      this.metrics.delete(jobId)
      return text
    }
    for (const [jobId, pending] of this.logs) {
      this.logs.delete(jobId)
      this.logBytes -= pending.bytes
      const lines = pending.skipped
        ? [skippedLinesMarker(pending.skipped), ...pending.lines]
        : pending.lines
      return JSON.stringify({ event: 'job.logs', payload: { jobId, lines } })
    }
    return null
  }

  private pump(): void {
    if (this.closed || this.timer) return
    while (this.socket.readyState === this.socket.OPEN) {
      if (this.socket.bufferedAmount >= this.highWater) {
        // The page reads slower than we write: wait here (bounded) instead of in ws's buffer.
        this.timer = setTimeout(() => {
          this.timer = null
          this.pump()
        }, this.o.retryMs ?? 50)
        this.timer.unref()
        return
      }
      const next = this.nextMessage()
      if (next === null) return
      this.socket.send(next, (error) => {
        if (error) this.o.onSendError?.(error)
      })
    }
  }
}
