// A job's human log: every stdout/stderr line of the tree is appended to its log file and handed
// to live subscribers in timer-coalesced batches (at most one delivery per `flushIntervalMs`, so
// ≤ 20/s by default however chatty the child is — never one event per line).
//
// Size cap: when the file would pass `maxBytes` it is ROTATED — renamed to `<log>.1` (replacing
// an older `.1`) and a fresh file starts with a marker line. So the newest output (where the
// error usually is) is always kept, and at most 2 × maxBytes of disk is used per job.
import {
  closeSync,
  mkdirSync,
  createWriteStream,
  openSync,
  renameSync,
  statSync,
  type WriteStream
} from 'node:fs'
import { basename, dirname } from 'node:path'
import type { Readable } from 'node:stream'
import type { LogBatch } from '@shared/domain'
import { LineSplitter } from '../../os/lineSplitter'
import { sleep } from '../../os/sleep'

export const DEFAULT_MAX_LOG_BYTES = 50 * 1024 * 1024
const STDERR_TAIL = 20

export interface LogSinkOptions {
  jobId: number
  path: string
  maxBytes?: number
  flushIntervalMs?: number
  onBatch: (batch: LogBatch) => void
}

export class JobLogSink {
  private stream: WriteStream
  private bytes: number
  private pending: string[] = []
  private timer: NodeJS.Timeout | null = null
  private readonly stderrTail: string[] = []
  private readonly sources = new Set<Readable>()
  private readonly open = new Set<Readable>()
  private readonly onAllEnded: (() => void)[] = []
  private closed = false
  private paused = false
  private fileBroken = false
  private readonly maxBytes: number
  private readonly flushIntervalMs: number

  constructor(private readonly o: LogSinkOptions) {
    this.maxBytes = o.maxBytes ?? DEFAULT_MAX_LOG_BYTES
    this.flushIntervalMs = o.flushIntervalMs ?? 50
    mkdirSync(dirname(o.path), { recursive: true })
    this.bytes = fileSize(o.path)
    this.stream = this.openFile('a')
  }

  /** Reads a child's stdout or stderr line by line until it ends. */
  attach(source: Readable, kind: 'stdout' | 'stderr'): void {
    const splitter = new LineSplitter()
    this.sources.add(source)
    this.open.add(source)
    source.on('data', (chunk: Buffer) => this.accept(splitter.push(chunk), kind))
    const finish = (): void => {
      if (!this.open.delete(source)) return
      this.accept(splitter.flush(), kind)
      if (this.open.size === 0) for (const resolve of this.onAllEnded.splice(0)) resolve()
    }
    source.on('end', finish)
    source.on('close', finish)
    source.on('error', finish)
  }

  /** A line from Transcriptor itself (e.g. why the job was stopped). */
  note(line: string): void {
    this.accept([`[transcriptor] ${line}`], 'stdout')
  }

  lastStderr(): string[] {
    return [...this.stderrTail]
  }

  /** Resolves when every attached stream has ended (or `timeoutMs` passed). */
  async drained(timeoutMs = 2000): Promise<void> {
    if (this.open.size === 0) return
    await Promise.race([new Promise<void>((r) => this.onAllEnded.push(r)), sleep(timeoutMs)])
  }

  /** Delivers what is pending and closes the file; later lines are dropped. */
  async close(): Promise<void> {
    if (this.closed) return
    this.flush()
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    if (this.fileBroken) this.stream.destroy()
    else await new Promise<void>((resolve) => this.stream.end(resolve))
  }

  private accept(lines: string[], kind: 'stdout' | 'stderr'): void {
    if (lines.length === 0 || this.closed) return
    if (kind === 'stderr') {
      this.stderrTail.push(...lines.slice(-STDERR_TAIL))
      if (this.stderrTail.length > STDERR_TAIL)
        this.stderrTail.splice(0, this.stderrTail.length - STDERR_TAIL)
    }
    this.writeFile(lines.join('\n') + '\n')
    for (const line of lines) this.pending.push(line)
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.flushIntervalMs)
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.length === 0) return
    const lines = this.pending
    this.pending = []
    this.o.onBatch({ jobId: this.o.jobId, lines })
  }

  /**
   * A log file the disk refused (full, gone read-only) is given up, not waited for: its
   * 'drain' would never come, and the paused child would block on its pipe forever. Live
   * subscribers still get every line.
   */
  private openFile(flags: 'a' | 'w'): WriteStream {
    const stream = openLog(this.o.path, flags)
    stream.on('error', () => {
      this.fileBroken = true
      this.resumeSources()
    })
    return stream
  }

  private writeFile(text: string): void {
    if (this.fileBroken) return
    const size = Buffer.byteLength(text)
    if (this.bytes > 0 && this.bytes + size > this.maxBytes) this.rotate()
    this.bytes += size
    if (!this.stream.write(text) && !this.paused) {
      // Backpressure: stop reading the child until the disk catches up (the child then blocks
      // on its pipe instead of our memory growing without bound).
      this.paused = true
      for (const s of this.sources) s.pause()
      this.stream.once('drain', () => this.resumeSources())
    }
  }

  private resumeSources(): void {
    if (!this.paused) return
    this.paused = false
    for (const s of this.sources) s.resume()
  }

  private rotate(): void {
    const mb = Math.round(this.maxBytes / 1024 / 1024)
    // Pending writes of the old stream still land in the renamed file (same inode).
    this.stream.end()
    // The old stream's 'drain' may never come after end(): don't leave the child paused.
    this.resumeSources()
    try {
      renameSync(this.o.path, `${this.o.path}.1`)
    } catch {
      // Renaming an open file fails on Windows: then the 'w' below truncates instead.
    }
    this.stream = this.openFile('w')
    this.bytes = 0
    const marker = `[transcriptor] log reached ${mb} MB; earlier output is in ${basename(this.o.path)}.1\n`
    this.bytes += Buffer.byteLength(marker)
    this.stream.write(marker)
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

/** Opened synchronously so a rotation can never race an asynchronous open. */
function openLog(path: string, flags: 'a' | 'w'): WriteStream {
  const fd = openSync(path, flags)
  const stream = createWriteStream('', { fd, autoClose: true })
  stream.on('error', () => closeQuietly(fd))
  return stream
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd)
  } catch {
    // already closed
  }
}
