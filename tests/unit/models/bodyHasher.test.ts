// A download's SHA-1 is the SHA-1 of the file it installs, however the hashing thread came by the
// bytes: a resumed download's first bytes and what was written before the thread ran are read
// back from the .part, the rest is hashed in the read buffers' shared memory. Every piece's
// buffer is handed back, more pieces than the ring holds wait their turn, and a stopped hasher
// leaves no descriptor open on the (soon removed) .part.
import { createHash, randomBytes } from 'node:crypto'
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync
} from 'node:fs'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BodyHasher } from '../../../src/main/core/models/bodyHasher'

const sha1 = (b: Buffer): string => createHash('sha1').update(b).digest('hex')

/** `bytes` in a buffer of shared memory, at an offset, as the read buffers hand them over. */
function inSharedMemory(bytes: Buffer): Buffer {
  const shared = Buffer.from(new SharedArrayBuffer(bytes.length + 100))
  bytes.copy(shared, 100)
  return shared.subarray(100)
}

/** Feeds pieces the way a download does: handed to the hasher, then appended to the file. */
class Writer {
  size: number
  released = 0
  added = 0
  constructor(
    private readonly path: string,
    private readonly hasher: BodyHasher
  ) {
    this.size = readFileSync(path).length
  }

  piece(bytes: Buffer): void {
    this.added++
    this.hasher.add(bytes, () => this.released++)
    appendFileSync(this.path, bytes)
    this.size += bytes.length
    this.hasher.written(this.size)
  }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-hasher-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('body hasher', () => {
  it("a resumed file's bytes, those before the thread ran and those after: the file's SHA-1", async () => {
    const part = join(dir, 'model.bin.part')
    const earlier = randomBytes(3 << 20) // from an earlier attempt, larger than one file read
    writeFileSync(part, earlier)
    const hasher = new BodyHasher(part, earlier.length)
    const writer = new Writer(part, hasher)
    const before = [randomBytes(300_000), randomBytes(1)]
    for (const bytes of before) writer.piece(inSharedMemory(bytes))
    await hasher.ready
    for (let i = 0; i < 40; i++) writer.piece(inSharedMemory(randomBytes(65_536 + i)))
    writer.piece(randomBytes(5000)) // not shared memory: copied into some
    for (let i = 0; i < 600; i++) writer.piece(inSharedMemory(randomBytes(1 + (i % 7)))) // > ring
    const digest = await hasher.finish()
    await hasher.stop()
    const file = readFileSync(part)
    expect(digest.sha1).toBe(sha1(file))
    expect(digest.bytes).toBe(file.length)
    expect(digest.fromFile).toBe(earlier.length + 300_001)
    expect(writer.released).toBe(writer.added)
  })

  it('a finished file with nothing to add: its SHA-1 from the file', async () => {
    const part = join(dir, 'whole.bin.part')
    const bytes = randomBytes(5 << 20)
    writeFileSync(part, bytes)
    expect(await new BodyHasher(part, bytes.length).finish()).toEqual({
      sha1: sha1(bytes),
      bytes: bytes.length,
      fromFile: bytes.length
    })
  })

  it('a thread that fails (its .part is gone) holds no buffer, and finish says why', async () => {
    const hasher = new BodyHasher(join(dir, 'removed.bin.part'), 0)
    let released = 0
    await hasher.ready
    for (let i = 0; i < 3; i++) hasher.add(inSharedMemory(randomBytes(10)), () => released++)
    await expect(hasher.finish()).rejects.toThrow(/cannot check .*removed\.bin\.part.*ENOENT/)
    expect(released).toBe(3)
    hasher.add(inSharedMemory(randomBytes(10)), () => released++)
    expect(released).toBe(4)
  })

  it('stopped halfway: the thread exits, the file is not held open, pieces are handed back', async () => {
    const part = join(dir, 'stopped.bin.part')
    writeFileSync(part, '')
    const hasher = new BodyHasher(part, 0)
    const writer = new Writer(part, hasher)
    await hasher.ready
    for (let i = 0; i < 20; i++) writer.piece(inSharedMemory(randomBytes(100_000)))
    await hasher.stop()
    await expect(hasher.finish()).rejects.toThrow('stopped')
    expect(writer.released).toBe(writer.added)
    const open = readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        return [readlinkSync(join('/proc/self/fd', fd))]
      } catch {
        return [] // closed meanwhile
      }
    })
    expect(open.filter((target) => target.startsWith(dir))).toEqual([])
  })
})
