// The memory a download reads into: a few big buffers, reused. The socket reads straight into the
// free end of the current one, the body leaves for the disk as views of it, and a buffer is
// reused once every view of it is written. Four of 1 MiB: reads on loopback come in 0.5–1 MiB,
// so a buffer takes one or two of them, and the writer may lag three buffers behind the socket
// before the socket is paused.
const BUFFER_BYTES = 1 << 20
const BUFFERS = 4
/** Less room than this in the current buffer is not worth a read of its own: the next is taken. */
const MIN_ROOM = 64 * 1024

/** Shared memory, so the hashing thread reads the bytes where the socket put them (bodyHasher.ts). */
const sharedBuffer = (bytes: number): Buffer => Buffer.from(new SharedArrayBuffer(bytes))

/** Bytes read, in order, and the buffer they are a view of. */
export interface ReadBytes {
  bytes: Buffer
  owner: Buffer
}

export class ReadBuffers {
  private readonly free: Buffer[] = []
  /** Per buffer: its views not yet released, plus one while it is the current buffer. */
  private readonly holds = new Map<Buffer, number>()
  private waiting: (() => void) | null = null
  /** The last spare room() gave, the reads that went to spares and are not yet handed out, and
   * spares whose views are all released (kept for the next, as new shared memory is costly). */
  private spare: Buffer | null = null
  private spilled: ReadBytes[] = []
  private readonly spares: Buffer[] = []
  current: Buffer
  /** Bytes read into `current`. */
  private fill = 0
  /** Where the bytes of `current` not yet handed out begin. */
  private start = 0

  constructor() {
    for (let i = 1; i < BUFFERS; i++) this.free.push(sharedBuffer(BUFFER_BYTES))
    this.current = sharedBuffer(BUFFER_BYTES)
    this.holds.set(this.current, 1)
  }

  /** Where the next read goes. Node asks right after each read's callback and keeps the answer
   * for the next read, however much later, and TLS may still hand over records it had decrypted
   * after the socket is paused: a full buffer answers with a small spare of its own, never with
   * no room (a TLS socket would spin on it), and never with room that may be reused meanwhile. */
  room(): Buffer {
    if (!this.full()) return this.current.subarray(this.fill)
    this.spare = this.spares.pop() ?? sharedBuffer(MIN_ROOM)
    return this.spare
  }

  /** A read of `n` bytes into `into` (what room() gave). */
  landed(n: number, into: Uint8Array): void {
    if (into === this.spare)
      this.spilled.push({ bytes: this.spare.subarray(0, n), owner: this.spare })
    else this.fill += n
  }

  /** The current buffer's bytes not yet handed out (the head, while it is read). */
  unread(): Buffer {
    return this.current.subarray(this.start, this.fill)
  }

  skip(n: number): void {
    this.start += n
  }

  /** Bytes read and not yet handed out. */
  pending(): number {
    return this.fill - this.start + this.spilled.reduce((sum, b) => sum + b.bytes.length, 0)
  }

  /** The bytes read since the last call, in order (the current buffer's, then the spares'). */
  take(): ReadBytes[] {
    const taken: ReadBytes[] = []
    if (this.fill > this.start)
      taken.push({ bytes: this.current.subarray(this.start, this.fill), owner: this.current })
    this.start = this.fill
    taken.push(...this.spilled.splice(0))
    return taken
  }

  full(): boolean {
    return this.current.length - this.fill < MIN_ROOM
  }

  /** Keeps `owner` from reuse until the returned function is called (once its view is written). */
  hold(owner: Buffer): () => void {
    this.holds.set(owner, (this.holds.get(owner) ?? 0) + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      this.release(owner)
    }
  }

  /** Once `current` is full and all handed out, moves on to a free buffer. False when it cannot
   * yet: `onFree` is called when a buffer is free, to ask again. */
  moveOn(onFree: () => void): boolean {
    if (!this.full()) return true
    const next = this.start === this.fill ? this.free.pop() : undefined
    if (!next) {
      this.waiting = onFree
      return false
    }
    const old = this.current
    this.holds.set(next, 1)
    this.current = next
    this.fill = 0
    this.start = 0
    this.release(old)
    return true
  }

  private release(buffer: Buffer): void {
    const left = (this.holds.get(buffer) ?? 1) - 1
    this.holds.set(buffer, left)
    if (left > 0) return
    if (buffer.length !== BUFFER_BYTES) {
      this.holds.delete(buffer)
      this.spares.push(buffer)
      return
    }
    this.free.push(buffer)
    const waiting = this.waiting
    this.waiting = null
    waiting?.()
  }
}
