// Writes a body into the .part in order, from the read buffers' views as they come: one fs.write
// at a time at the next position (a view's bytes stay untouched until it is written, then
// `release` hands its buffer back). Writes of 256 KiB and more instead of a write stream's copies
// of 64 KiB socket chunks.
import { close, open, write } from 'node:fs'

interface Piece {
  bytes: Buffer
  release: () => void
}

export class PartWriter {
  private readonly queue: Piece[] = []
  private busy = false
  private idle: (() => void)[] = []
  /** The first write error; nothing more is written after it. */
  error: NodeJS.ErrnoException | null = null

  private constructor(
    private readonly fd: number,
    private position: number,
    private readonly onWritten: (end: number) => void,
    private readonly onError: (err: NodeJS.ErrnoException) => void
  ) {}

  /** Opens the (existing) file to write from `position` on; rejects with the open's error. */
  static open(
    path: string,
    position: number,
    onWritten: (end: number) => void,
    onError: (err: NodeJS.ErrnoException) => void
  ): Promise<PartWriter> {
    return new Promise((resolve, reject) =>
      open(path, 'r+', (err, fd) =>
        err ? reject(err) : resolve(new PartWriter(fd, position, onWritten, onError))
      )
    )
  }

  push(bytes: Buffer, release: () => void): void {
    this.queue.push({ bytes, release })
    this.next()
  }

  /** Resolves once everything pushed is written (or the writing failed), the file closed. */
  finish(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.idle.push(resolve)
      this.next()
    }).then(() => new Promise<void>((resolve) => close(this.fd, () => resolve())))
  }

  private next(): void {
    if (this.busy) return
    if (this.error) for (const p of this.queue.splice(0)) p.release()
    const piece = this.queue.shift()
    if (!piece) {
      for (const resolve of this.idle.splice(0)) resolve()
      return
    }
    this.busy = true
    write(this.fd, piece.bytes, 0, piece.bytes.length, this.position, (err, n) => {
      this.busy = false
      if (err) {
        piece.release()
        if (!this.error) this.onError((this.error = err))
      } else {
        this.position += n
        this.onWritten(this.position)
        // A short write (a disk filling up): the rest goes next, and its error then says why.
        if (n < piece.bytes.length) this.queue.unshift({ ...piece, bytes: piece.bytes.subarray(n) })
        else piece.release()
      }
      this.next()
    })
  }
}
