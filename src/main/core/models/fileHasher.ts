// SHA-1 of the .part as it is on disk, computed on a worker thread that reads behind the writer:
// the checksum covers the bytes that will be installed (not the bytes we meant to write), and
// hashing (as costly as the whole transfer on loopback) runs beside the download instead of in
// its way. The writer publishes how far the file is written through shared memory; the worker
// reads up to there, then sleeps on the same word until more is written or the writer is done.
// Stopped (the download failed or was cancelled), it closes the file itself before it exits: a
// terminated thread would leave its descriptor open, and the removed .part's space with it.
// The worker is plain JavaScript evaluated from a string so it runs the same from the sources
// (tests, bench), the bundle and Electron, without a separate entry to locate.
import { Worker } from 'node:worker_threads'

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const { openSync, readSync, closeSync } = require('node:fs')
const { path, shared } = workerData
const state = new BigInt64Array(shared) // [written, 1: done or 2: stopped, sequence]
const hash = createHash('sha1')
const buffer = Buffer.allocUnsafe(4 << 20)
const fd = openSync(path, 'r')
let hashed = 0
let digest = null
try {
  for (;;) {
    const sequence = Atomics.load(state, 2)
    if (Atomics.load(state, 1) === 2n) break
    const written = Number(Atomics.load(state, 0))
    if (written > hashed) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, written - hashed), hashed)
      if (n === 0) throw new Error('the partial download got shorter while it was checked')
      hash.update(buffer.subarray(0, n))
      hashed += n
      continue
    }
    if (Atomics.load(state, 1) === 1n) {
      digest = hash.digest('hex')
      break
    }
    Atomics.wait(state, 2, sequence)
  }
} finally {
  closeSync(fd)
}
if (digest !== null) parentPort.postMessage({ sha1: digest, bytes: hashed })
`

const WAKE_EVERY = 4 * 1024 * 1024

export interface FileDigest {
  sha1: string
  bytes: number
}

export class FileHasher {
  private readonly state = new BigInt64Array(new SharedArrayBuffer(3 * 8))
  private readonly worker: Worker
  private readonly result: Promise<FileDigest>
  private readonly exited: Promise<void>
  private notified: number
  private written: number

  /** Starts hashing `path` from byte 0; `written` bytes of it are already on disk. */
  constructor(path: string, written: number) {
    Atomics.store(this.state, 0, BigInt(written))
    this.notified = written
    this.written = written
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, shared: this.state.buffer }
    })
    this.result = new Promise((resolve, reject) => {
      this.worker.once('message', (m: FileDigest) => resolve(m))
      this.worker.once('error', (err) => reject(new Error(`cannot check ${path}: ${err.message}`)))
      this.worker.once('exit', () => reject(new Error(`cannot check ${path}: stopped`)))
    })
    this.result.catch(() => undefined) // observed by finish(); a stopped hasher is not an error
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()))
  }

  private poke(index: number, value: bigint): void {
    Atomics.store(this.state, index, value)
    Atomics.add(this.state, 2, 1n)
    Atomics.notify(this.state, 2)
  }

  /** The file is written up to `bytes`. The worker is woken once per WAKE_EVERY bytes, not per
   * socket chunk: thousands of wake-ups would cost more than the hashing they feed. */
  advance(bytes: number): void {
    this.written = bytes
    if (bytes - this.notified < WAKE_EVERY) return
    this.notified = bytes
    this.poke(0, BigInt(bytes))
  }

  /** The writer is done: resolves once every written byte is hashed. */
  finish(): Promise<FileDigest> {
    Atomics.store(this.state, 0, BigInt(this.written))
    this.poke(1, 1n)
    return this.result
  }

  /** The download is over either way: resolves once the thread has closed the file and exited. */
  stop(): Promise<void> {
    this.poke(1, 2n)
    return this.exited
  }
}
