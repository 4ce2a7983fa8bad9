// The memory a download reads into: a few big buffers, reused. The socket reads straight into the
// free end of the current one, the body leaves for the disk as views of it, and a buffer is
// reused once every view of it is written. Four of 1 MiB: reads on loopback come in 0.5–1 MiB,
// so a buffer takes one or two of them, and the writer may lag three buffers behind the socket
// before the socket is paused.
const BUFFER_BYTES = 1 << 20
const BUFFERS = 4
/** Less room than this in the current buffer is not worth a read of its own: the next is taken. */
const MIN_ROOM = 64 * 1024

export class ReadBuffers {
  private readonly free: Buffer[] = []
  /** Per buffer: its views not yet released, plus one while it is the current buffer. */
  private readonly holds = new Map<Buffer, number>()
  private waiting: (() => void) | null = null
  /** Where a read goes when `current` is full (see room). */
  private readonly spare = Buffer.allocUnsafeSlow(MIN_ROOM)
  current: Buffer
  /** Bytes read into `current`. */
  fill = 0
  /** Where the bytes of `current` not yet handed out begin. */
  start = 0

  constructor() {
    for (let i = 1; i < BUFFERS; i++) this.free.push(Buffer.allocUnsafeSlow(BUFFER_BYTES))
    this.current = Buffer.allocUnsafeSlow(BUFFER_BYTES)
    this.holds.set(this.current, 1)
  }

  /** Where the next read goes. Node asks right after a read's callback and keeps the answer for
   * the next read, however much later: a full buffer answers with the spare, which stays valid
   * while the socket is paused (or its bytes handed out) and the buffers change. */
  room(): Buffer {
    return this.full() ? this.spare : this.current.subarray(this.fill)
  }

  /** A read of `n` bytes into `into` (what room() gave); false when they have no place. */
  landed(n: number, into: Uint8Array): boolean {
    if (into !== this.spare) {
      this.fill += n
      return true
    }
    // `current` was full and is all handed out by now, and a buffer is free: the socket was paused
    // until one was, or the head's buffer was full with the rest of the pool unused.
    if (this.start !== this.fill || !this.moveOn(() => undefined)) return false
    this.spare.copy(this.current, this.fill, 0, n)
    this.fill += n
    return true
  }

  full(): boolean {
    return this.current.length - this.fill < MIN_ROOM
  }

  /** Keeps `current` from reuse until the returned function is called (once its view is written). */
  hold(): () => void {
    const buffer = this.current
    this.holds.set(buffer, (this.holds.get(buffer) ?? 0) + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      this.release(buffer)
    }
  }

  /** Once `current` is full (and all handed out), moves on to a free buffer. False when none is
   * free yet: `onFree` is called when one is (reads then go to the spare until the next move). */
  moveOn(onFree: () => void): boolean {
    if (!this.full()) return true
    const next = this.free.pop()
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
    this.free.push(buffer)
    const waiting = this.waiting
    this.waiting = null
    waiting?.()
  }
}
