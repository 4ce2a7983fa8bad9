// SHA-1 of a download, computed on a worker thread beside the receiving one: hashing costs about
// as much CPU as the whole transfer on loopback, so it runs on another core instead of in the
// download's way.
// The thread hashes the bytes the .part gets. What was written before it was ready (a resumed
// download's earlier bytes, and what arrived while the thread started, ~70 ms) it reads back from
// the file, behind the writer. From then on it hashes the body in the very memory the socket read
// it into (the read buffers are shared memory, readBuffers.ts) instead of reading it back: the
// download owns its .part (partLock.ts), so these are the file's bytes, and reading them back cost
// a third of the hashing again. A read buffer is reused once its bytes are both written and
// hashed: the thread says how far it got when it catches up or every MiB, and the receiving side
// also looks at each hand-off.
// Stopped (the download failed or was cancelled), the thread closes the file itself before it
// exits: a terminated thread would leave its descriptor open, and the removed .part's space with
// it. The worker is plain JavaScript evaluated from a string so it runs the same from the sources
// (tests, bench), the bundle and Electron, without a separate entry to locate.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads'

// Int32 slots: pieces pushed, pieces hashed, 0 running / 1 finished / 2 stopped, a counter bumped
// on every change the thread may wait for, 1 once the thread runs; then the ring of pieces.
const HEAD = 0
const TAIL = 1
const STATE = 2
const SEQUENCE = 3
const READY = 4
const RING = 5
const CAPACITY = 256
// BigInt64 slots (files pass 2 GiB): the file is written up to; the file's part ends at (-1: not
// known yet, the thread follows the writer).
const WRITTEN = 0
const FILE_END = 1
/** While the thread reads the file, it is woken once per this many bytes written, not per write. */
const WAKE_EVERY = 4 * 1024 * 1024

const WORKER_SOURCE = `
const { workerData, parentPort, receiveMessageOnPort } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const { openSync, readSync, closeSync } = require('node:fs')
const { path, control, offsets, buffers } = workerData
const c = new Int32Array(control)
const big = new BigInt64Array(offsets)
const hash = createHash('sha1')
const views = []
let hashed = 0
const stopped = () => Atomics.load(c, ${STATE}) === 2
Atomics.store(c, ${READY}, 1)
parentPort.postMessage('ready')

function hashFile() {
  const fd = openSync(path, 'r')
  const buffer = Buffer.allocUnsafe(4 << 20)
  try {
    for (;;) {
      const sequence = Atomics.load(c, ${SEQUENCE})
      if (stopped()) return false
      const end = Number(Atomics.load(big, ${FILE_END}))
      const written = Number(Atomics.load(big, ${WRITTEN}))
      const upTo = end >= 0 ? Math.min(end, written) : written
      if (hashed < upTo) {
        const n = readSync(fd, buffer, 0, Math.min(buffer.length, upTo - hashed), hashed)
        if (n === 0) throw new Error('the partial download got shorter while it was checked')
        hash.update(buffer.subarray(0, n))
        hashed += n
      } else if (end >= 0 && hashed >= end) return true
      else Atomics.wait(c, ${SEQUENCE}, sequence)
    }
  } finally {
    closeSync(fd)
  }
}

function view(slot) {
  while (!views[slot]) {
    const got = receiveMessageOnPort(buffers)
    if (!got) throw new Error('a piece came before its buffer')
    views[got.message.slot] = Buffer.from(got.message.buffer)
  }
  return views[slot]
}

function hashMemory() {
  let announced = hashed
  let tail = 0
  for (;;) {
    const sequence = Atomics.load(c, ${SEQUENCE})
    const state = Atomics.load(c, ${STATE})
    if (state === 2) return null
    const head = Atomics.load(c, ${HEAD})
    if (tail < head) {
      const at = ${RING} + (tail % ${CAPACITY}) * 3
      const offset = c[at + 1]
      hash.update(view(c[at]).subarray(offset, offset + c[at + 2]))
      hashed += c[at + 2]
      Atomics.store(c, ${TAIL}, ++tail)
      if (tail === head || hashed - announced >= 1 << 20) {
        announced = hashed
        parentPort.postMessage(tail)
      }
    } else if (state === 1) return hash.digest('hex')
    else Atomics.wait(c, ${SEQUENCE}, sequence)
  }
}

let fromFile = 0
const digest = hashFile() && ((fromFile = hashed), hashMemory())
if (digest) parentPort.postMessage({ sha1: digest, bytes: hashed, fromFile })
`

export interface FileDigest {
  sha1: string
  bytes: number
  /** Of them, read back from the file (the rest was hashed in memory). */
  fromFile: number
}

interface Piece {
  slot: number
  offset: number
  length: number
  release: () => void
}

export class BodyHasher {
  private readonly control = new Int32Array(new SharedArrayBuffer((RING + CAPACITY * 3) * 4))
  private readonly offsets = new BigInt64Array(new SharedArrayBuffer(2 * 8))
  private readonly slots = new Map<ArrayBufferLike, number>()
  private readonly buffers: MessagePort
  private readonly worker: Worker
  private readonly result: Promise<FileDigest>
  private readonly exited: Promise<void>
  /** Resolves once the thread runs: bytes added from then on are hashed in memory. */
  readonly ready: Promise<void>
  /** Pushed to the ring, not yet released (in ring order), and not yet pushed (the ring is full). */
  private readonly inRing: Piece[] = []
  private readonly queued: Piece[] = []
  private pushed = 0
  private finishing = false
  /** Bytes added so far (and the first `prefix`); where the file's part ends, once known. */
  private added: number
  private fileEnd = -1
  private woken: number
  /** The thread exited (stopped, done or failed). */
  private gone = false

  /** Hashes `path`'s first `prefix` bytes, then each piece `add`ed after them. */
  constructor(path: string, prefix: number) {
    this.added = this.woken = prefix
    this.offsets[WRITTEN] = BigInt(prefix)
    this.offsets[FILE_END] = -1n
    const channel = new MessageChannel()
    this.buffers = channel.port1
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        path,
        control: this.control.buffer,
        offsets: this.offsets.buffer,
        buffers: channel.port2
      },
      transferList: [channel.port2]
    })
    let running = (): void => undefined
    this.ready = new Promise((resolve) => (running = resolve))
    this.result = new Promise((resolve, reject) => {
      this.worker.on('message', (m: number | 'ready' | FileDigest) => {
        if (m === 'ready') running()
        else if (typeof m === 'number') this.hashedUpTo(m)
        else resolve(m)
      })
      let failure = 'stopped'
      this.worker.once('error', (err) => (failure = err.message))
      this.worker.once('exit', () => {
        this.gone = true
        this.buffers.close()
        this.releaseAll() // a thread that failed must not hold the download's buffers
        reject(new Error(`cannot check ${path}: ${failure}`))
      })
    })
    this.result.catch(() => undefined) // observed by finish(); a stopped hasher is not an error
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()))
  }

  /** The next bytes of the body, in file order; `release` is called once they are hashed. Bytes
   * outside shared memory (the read buffers' are all in it) are copied into some first. */
  add(bytes: Buffer, release: () => void): void {
    if (this.gone) return release() // finish() says why
    if (this.fileEnd < 0 && Atomics.load(this.control, READY) === 1) this.endFile()
    if (this.fileEnd < 0) {
      this.added += bytes.length // read back from the file once written
      return release()
    }
    this.hashedUpTo(Atomics.load(this.control, TAIL)) // sooner than the thread's message
    let shared = bytes
    if (!(bytes.buffer instanceof SharedArrayBuffer)) {
      shared = Buffer.from(new SharedArrayBuffer(bytes.length))
      bytes.copy(shared)
      release()
      release = () => undefined
    }
    this.queued.push({
      slot: this.slotOf(shared.buffer),
      offset: shared.byteOffset,
      length: shared.length,
      release
    })
    this.push()
  }

  /** The file is on disk up to `end`. */
  written(end: number): void {
    Atomics.store(this.offsets, WRITTEN, BigInt(end))
    const known = this.fileEnd >= 0
    if (known && this.woken >= this.fileEnd) return // the thread reads the file no more
    if (end - this.woken >= WAKE_EVERY || (known && end >= this.fileEnd)) {
      this.woken = end
      this.signal(SEQUENCE, 0)
    }
  }

  /** Every piece is added and written: resolves once all of them are hashed. */
  finish(): Promise<FileDigest> {
    if (this.fileEnd < 0) this.endFile()
    this.finishing = true
    this.push()
    return this.result
  }

  /** The download is over either way: resolves once the thread has closed the file and exited. */
  stop(): Promise<void> {
    this.signal(STATE, 2)
    this.releaseAll()
    return this.exited
  }

  private releaseAll(): void {
    for (const piece of [...this.inRing.splice(0), ...this.queued.splice(0)]) piece.release()
  }

  /** The thread reads the bytes added so far from the file, and the rest from memory. */
  private endFile(): void {
    this.fileEnd = this.added
    Atomics.store(this.offsets, FILE_END, BigInt(this.fileEnd))
    this.signal(SEQUENCE, 0)
  }

  private slotOf(buffer: ArrayBufferLike): number {
    let slot = this.slots.get(buffer)
    if (slot === undefined) {
      slot = this.slots.size
      this.slots.set(buffer, slot)
      this.buffers.postMessage({ slot, buffer })
    }
    return slot
  }

  /** Moves queued pieces into the ring while it has room; once all are in, a finish is told. */
  private push(): void {
    const c = this.control
    let moved = false
    while (this.queued.length > 0 && this.pushed - Atomics.load(c, TAIL) < CAPACITY) {
      const piece = this.queued.shift() as Piece
      const at = RING + (this.pushed % CAPACITY) * 3
      c[at] = piece.slot
      c[at + 1] = piece.offset
      c[at + 2] = piece.length
      this.inRing.push(piece)
      Atomics.store(c, HEAD, ++this.pushed)
      moved = true
    }
    if (this.finishing && this.queued.length === 0) this.signal(STATE, 1)
    else if (moved) this.signal(SEQUENCE, 0)
  }

  private signal(index: number, value: number): void {
    if (index !== SEQUENCE) Atomics.store(this.control, index, value)
    Atomics.add(this.control, SEQUENCE, 1)
    Atomics.notify(this.control, SEQUENCE)
  }

  /** The thread hashed the first `tail` pieces: their buffers may be reused. */
  private hashedUpTo(tail: number): void {
    const done = this.inRing.length - (this.pushed - tail)
    for (const piece of this.inRing.splice(0, done)) piece.release()
    if (this.queued.length > 0) this.push()
  }
}
