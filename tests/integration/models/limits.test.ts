// Downloads have limits: a server that never answers, or that stalls mid-body, is given up after
// the connect / idle deadline (shortened here through the ModelManager's option) with one line; a
// body longer than the catalog's size, or than the disk can take with its margin, is stopped
// while it streams, and nothing that looks like a model is left.
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ModelManager } from '../../../src/main/core/models/modelManager'
import { ggmlBody, startModelServer, type ModelServer } from '../../support/modelServer'
import { removeDir, tempDir } from '../pipeline/harness'

const MiB = 1024 * 1024
const body = ggmlBody(8 * MiB)
const sha1 = createHash('sha1').update(body).digest('hex')
const big = ggmlBody(48 * MiB)
const bigSha1 = createHash('sha1').update(big).digest('hex')
const timeouts = { connectMs: 300, idleMs: 300 }

let dir: string
let server: ModelServer
let catalogBefore: string | undefined

beforeAll(async () => {
  dir = tempDir('transcriptor-limits-')
  server = await startModelServer({
    '/ggml-silent.bin': { body, noHeaders: true },
    '/ggml-stall.bin': { body, stallAfterBytes: MiB },
    '/ggml-steady.bin': { body: body.subarray(0, 2 * MiB), bytesPerSecond: 2 * MiB },
    '/ggml-endless.bin': { body: big, chunked: true },
    '/ggml-announced.bin': { body: big },
    '/ggml-big.bin': { body: big, chunked: true }
  })
  // A mirror's own catalog says these models are 1 MiB; the server sends 48.
  writeFileSync(
    join(dir, 'catalog.tsv'),
    `name\tsize\tsha1\nendless\t1 MiB\t${bigSha1}\nannounced\t1 MiB\t${bigSha1}\n`
  )
  catalogBefore = process.env.TRANSCRIPTOR_MODEL_CATALOG
  process.env.TRANSCRIPTOR_MODEL_CATALOG = join(dir, 'catalog.tsv')
})
afterAll(async () => {
  if (catalogBefore === undefined) delete process.env.TRANSCRIPTOR_MODEL_CATALOG
  else process.env.TRANSCRIPTOR_MODEL_CATALOG = catalogBefore
  await server.close()
  removeDir(dir)
})

const manager = (name: string, modelsDir = join(dir, name)): ModelManager =>
  new ModelManager({ modelsDir, baseUrl: () => server.base, timeouts })
const files = (m: ModelManager): string[] =>
  existsSync(m.modelsDir) ? readdirSync(m.modelsDir).sort() : []

/** The files under `dir` this process has open (a removed one shows as "… (deleted)"). */
function openFilesUnder(dir: string): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(join('/proc/self/fd', fd))
      } catch {
        return '' // closed while listed (the listing's own descriptor)
      }
    })
    .filter((target) => target.startsWith(dir))
}

describe('download deadlines', () => {
  it('a server that never sends headers: one line after the connect deadline', async () => {
    const m = manager('silent')
    await expect(m.pullUrl(server.url('/ggml-silent.bin'), sha1, 'silent')).rejects.toThrow(
      /^no answer from 127\.0\.0\.1:\d+ within 0\.3 s$/
    )
    expect(files(m)).toEqual([])
  }, 10_000)

  it('a body that stalls: retried with Range, then one line; the .part stays for a resume', async () => {
    const m = manager('stall')
    await expect(m.pullUrl(server.url('/ggml-stall.bin'), sha1, 'stall')).rejects.toThrow(
      /^no data for 0\.3 s at [\d.]+ MiB of 8\.0 MiB; run the pull again to resume from there$/
    )
    expect(server.ranges('/ggml-stall.bin')).toEqual([
      undefined,
      `bytes=${MiB}-`,
      `bytes=${2 * MiB}-`,
      `bytes=${3 * MiB}-`
    ])
    expect(statSync(join(m.modelsDir, 'ggml-stall.bin.part')).size).toBe(4 * MiB)
  }, 20_000)

  it('a slow but steady body is not cut: the idle deadline counts silence, not the download', async () => {
    const m = manager('steady')
    const part = body.subarray(0, 2 * MiB)
    const started = Date.now()
    const path = await m.pullUrl(
      server.url('/ggml-steady.bin'),
      createHash('sha1').update(part).digest('hex'),
      'steady'
    )
    expect(Date.now() - started).toBeGreaterThan(3 * timeouts.idleMs)
    expect(files(m)).toEqual(['ggml-steady.bin'])
    expect(statSync(path).size).toBe(2 * MiB)
  }, 10_000)
})

describe('download size caps', () => {
  it('no Content-Length: stopped at the catalog size (+10 %), .part removed', async () => {
    const m = manager('endless')
    await expect(m.pull('endless')).rejects.toThrow(
      /^stopped at [\d.]+ MiB: the server sent more than the catalog's size \(1\.0 MiB\) allows; the partial download was removed$/
    )
    expect(files(m)).toEqual([])
  })

  it('a Content-Length beyond the catalog size is refused before the body is read', async () => {
    const m = manager('announced')
    await expect(m.pull('announced')).rejects.toThrow(
      /^the server announces 48 MiB for announced, more than the catalog's 1\.0 MiB; refusing it$/
    )
    expect(files(m)).toEqual([])
  })

  // Mounting a tmpfs needs root; as another user this test is reported as skipped, not passed.
  it.runIf(process.getuid?.() === 0)(
    'no Content-Length and no catalog size: stopped at the free space minus its margin',
    async () => {
      const mnt = join(dir, 'tmpfs')
      mkdirSync(mnt, { recursive: true })
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=100m', 'tmpfs', mnt])
      try {
        const m = manager('big', join(mnt, 'models'))
        await expect(m.pullUrl(server.url('/ggml-big.bin'), bigSha1, 'big')).rejects.toThrow(
          /^stopped at 3\d MiB: the server sent more than fits while keeping 64 MiB free in .*; the partial download was removed$/
        )
        expect(files(m)).toEqual([])
        // Removed means its space is free: nothing of this process still holds it open.
        expect(openFilesUnder(mnt)).toEqual([])
      } finally {
        execFileSync('umount', [mnt])
      }
    }
  )
})
