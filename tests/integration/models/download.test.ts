// The model manager's downloads against a loopback HTTP server: Range resume after a dropped
// connection and after a restart, cancel, 404, wrong checksum, a .part from another URL, a server
// without Range support, a 206 that starts elsewhere than asked, a file that is not a ggml model, a
// full disk (tmpfs). Every failure is one line and leaves no file that looks like a usable model.
import { createHash, randomBytes } from 'node:crypto'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DownloadProgress } from '@shared/models'
import { ModelManager } from '../../../src/main/core/models/modelManager'
import { ggmlBody, startModelServer, type ModelServer } from '../../support/modelServer'
import { waitFor } from '../../support/waitFor'
import { removeDir, tempDir } from '../pipeline/harness'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const MiB = 1024 * 1024
const body = ggmlBody(8 * MiB)
const page = Buffer.from(
  '<!DOCTYPE html><html><body>Mirror maintenance</body></html>\n'.repeat(2000)
)
const sha1 = createHash('sha1').update(body).digest('hex')

let dir: string
let server: ModelServer

beforeAll(async () => {
  dir = tempDir('transcriptor-models-')
  server = await startModelServer({
    '/ggml-ok.bin': { body, redirect: true },
    '/ggml-drop.bin': { body, dropAfterBytes: 3 * MiB },
    // Slow until cut off; what is asserted of the resume is its Range and the verified file.
    '/ggml-slow.bin': { body, bytesPerSecond: 2 * MiB, resumeAtFullSpeed: true },
    '/ggml-norange.bin': { body, ranges: false },
    '/ggml-tiny.bin': { body }, // the catalog's tiny: its published SHA-1 will not match
    '/ggml-chunked.bin': { body: Buffer.alloc(24 * MiB, 7), chunked: true },
    '/ggml-chunkedok.bin': { body, chunked: true },
    '/ggml-fromzero.bin': { body, rangeFromZero: true },
    '/ggml-page.bin': { body: page }
  })
})
afterAll(async () => {
  await server.close()
  removeDir(dir)
})

function manager(name: string, progress: DownloadProgress[] = []): ModelManager {
  return new ModelManager({
    modelsDir: join(dir, name),
    baseUrl: () => server.base,
    onProgress: (p) => progress.push(p)
  })
}

/** A .part of `bytes` (and its sidecar) as an earlier, interrupted pull of `url` left it. */
function leftPart(m: ModelManager, file: string, url: string, bytes: Buffer): string {
  mkdirSync(m.modelsDir, { recursive: true })
  const dest = join(m.modelsDir, file)
  writeFileSync(`${dest}.part`, bytes)
  writeFileSync(`${dest}.part.json`, JSON.stringify({ url, totalBytes: body.length }))
  return dest
}

const files = (m: ModelManager): string[] =>
  existsSync(m.modelsDir) ? readdirSync(m.modelsDir).sort() : []

describe('model downloads (loopback server)', () => {
  it('downloads through a redirect with progress (bytes, speed, ETA), verifies, renames', async () => {
    const progress: DownloadProgress[] = []
    const m = manager('ok', progress)
    const path = await m.pullUrl(server.url('/ggml-ok.bin'), sha1, 'ok')
    expect(readFileSync(path).equals(body)).toBe(true)
    expect(files(m)).toEqual(['ggml-ok.bin'])
    expect(progress.at(-1)).toMatchObject({ state: 'done', receivedBytes: body.length })
    expect(progress.some((p) => p.state === 'verifying')).toBe(true)
    expect(progress.some((p) => p.totalBytes === body.length && p.receivedBytes > 0)).toBe(true)
  })

  it('a body without Content-Length (chunked, as some mirrors send) installs verified', async () => {
    const m = manager('chunkedok')
    const path = await m.pullUrl(server.url('/ggml-chunkedok.bin'), sha1, 'chunkedok')
    expect(readFileSync(path).equals(body)).toBe(true)
    expect(files(m)).toEqual(['ggml-chunkedok.bin'])
  })

  it('a connection dropped mid-body is resumed with Range and the result verifies', async () => {
    const m = manager('drop')
    const path = await m.pullUrl(server.url('/ggml-drop.bin'), sha1, 'drop')
    expect(readFileSync(path).equals(body)).toBe(true)
    const ranges = server.ranges('/ggml-drop.bin')
    expect(ranges[0]).toBeUndefined()
    expect(ranges[1]).toMatch(/^bytes=\d+-$/)
    expect(Number(/\d+/.exec(ranges[1] ?? '')?.[0])).toBeGreaterThanOrEqual(2 * MiB)
  })

  it('slow server: cancel stops at once and keeps a .part; a new manager (restart) resumes it', async () => {
    const progress: DownloadProgress[] = []
    const first = manager('slow', progress)
    const pulling = first.pullUrl(server.url('/ggml-slow.bin'), sha1, 'slow')
    await waitFor(() => progress.some((p) => p.receivedBytes > MiB), 'a first MiB')
    const cancelledAt = Date.now()
    first.cancel('slow')
    await expect(pulling).rejects.toThrow('cancelled')
    expect(Date.now() - cancelledAt).toBeLessThan(1000)
    expect(files(first)).toEqual(['ggml-slow.bin.part', 'ggml-slow.bin.part.json'])
    const kept = statSync(join(first.modelsDir, 'ggml-slow.bin.part')).size
    expect(kept).toBeGreaterThan(MiB)
    expect(progress.at(-1)?.state).toBe('cancelled')

    const restarted = manager('slow')
    const path = await restarted.pullUrl(server.url('/ggml-slow.bin'), sha1, 'slow')
    expect(readFileSync(path).equals(body)).toBe(true)
    expect(server.ranges('/ggml-slow.bin').at(-1)).toBe(`bytes=${kept}-`)
  })

  it('a .part left by a different URL is restarted, never appended to', async () => {
    const m = manager('other')
    const dest = leftPart(m, 'ggml-x.bin', 'http://example.invalid/x', randomBytes(MiB))
    const before = server.ranges('/ggml-ok.bin').length
    await m.pullUrl(server.url('/ggml-ok.bin'), sha1, 'x')
    expect(readFileSync(dest).equals(body)).toBe(true)
    expect(server.ranges('/ggml-ok.bin').slice(before)).toEqual([undefined])
  })

  it.each([
    ['a server without Range support (200)', 'norange', [`bytes=${MiB}-`]],
    ['a 206 that starts elsewhere than the .part ends', 'fromzero', [`bytes=${MiB}-`, undefined]]
  ])('%s: the .part is restarted from byte 0, never appended to', async (_, name, ranges) => {
    const m = manager(name)
    const url = server.url(`/ggml-${name}.bin`)
    const dest = leftPart(m, `ggml-${name}.bin`, url, body.subarray(0, MiB))
    await m.pullUrl(url, sha1, name)
    expect(readFileSync(dest).equals(body)).toBe(true)
    expect(server.ranges(`/ggml-${name}.bin`)).toEqual(ranges)
  })

  it('a URL pull of a file that is not a ggml model (right SHA-1): refused like import, removed', async () => {
    const m = manager('page')
    const pageSha1 = createHash('sha1').update(page).digest('hex')
    await expect(m.pullUrl(server.url('/ggml-page.bin'), pageSha1, 'page')).rejects.toThrow(
      /^page: not a whisper ggml model: an HTML page \(a download error page\?\); the download was removed$/
    )
    expect(files(m)).toEqual([])
  })

  it('404: one line, nothing left behind', async () => {
    const m = manager('missing')
    await expect(m.pullUrl(server.url('/ggml-nope.bin'), sha1, 'nope')).rejects.toThrow(
      /^download failed: HTTP 404 Not Found for http:\/\/127\.0\.0\.1:\d+\/ggml-nope\.bin$/
    )
    expect(files(m)).toEqual([])
  })

  it('wrong checksum (catalog tiny from a mirror serving other bytes): no model file, .part removed', async () => {
    const m = manager('checksum')
    await expect(m.pull('tiny')).rejects.toThrow(
      /^checksum mismatch for tiny: expected SHA-1 bd577a113a864445d4c299885e0cb97d4ba92b5f, got [0-9a-f]{40}; the download was removed$/
    )
    expect(files(m)).toEqual([])
  })

  it('bad input: unknown name lists the known ones; a non-http(s) URL and a bad SHA-1 are refused', async () => {
    const m = manager('bad')
    await expect(m.pull('huge-v9')).rejects.toThrow(
      /^unknown model 'huge-v9'; known: tiny, tiny\.en, base, .*large-v3-turbo-q5_0$/
    )
    await expect(m.pullUrl('file:///etc/passwd', sha1, 'x')).rejects.toThrow(/refusing file: URL/)
    await expect(m.pullUrl('ftp://127.0.0.1/x.bin', sha1, 'x')).rejects.toThrow(
      /only http and https/
    )
    await expect(m.pullUrl(server.url('/ggml-ok.bin'), 'abc', 'x')).rejects.toThrow(/40 hex digits/)
    await expect(m.pullUrl(server.url('/ggml-ok.bin'), sha1, '../evil')).rejects.toThrow(
      /bad model name/
    )
    expect(files(m)).toEqual([])
  })
})

describe('full disk (a 40 MiB tmpfs)', () => {
  const isRoot = process.getuid?.() === 0
  let mnt: string
  let mounted = false
  beforeAll(() => {
    mnt = join(dir, 'tmpfs')
    mkdirSync(mnt, { recursive: true })
    if (!isRoot) return
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', mnt])
    mounted = true
  })
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt])
  })

  // Mounting a tmpfs needs root; as another user this block is reported as skipped, not passed.
  it.runIf(isRoot)(
    'a model larger than the free space is refused before a byte is written',
    async () => {
      const m = new ModelManager({ modelsDir: join(mnt, 'a'), baseUrl: () => server.base })
      await expect(m.pull('medium')).rejects.toThrow(
        /^not enough free space in .*: need 1\.5 GiB plus 64 MiB, \d+ MiB free$/
      )
      expect(files(m)).toEqual([])
    }
  )

  it.runIf(isRoot)(
    'a download of unannounced size that fills the disk: one line, nothing left',
    async () => {
      const m = new ModelManager({ modelsDir: join(mnt, 'b'), baseUrl: () => server.base })
      // 24 MiB body, 40 MiB disk, but we fill most of it first so the write runs out mid-body.
      writeFileSync(join(mnt, 'filler'), Buffer.alloc(30 * MiB))
      try {
        await expect(m.pullUrl(server.url('/ggml-chunked.bin'), sha1, 'big')).rejects.toThrow(
          /^(disk full after .* in .*; the partial download was removed|not enough free space in .*)$/
        )
        expect(files(m)).toEqual([])
      } finally {
        execFileSync('rm', ['-f', join(mnt, 'filler')])
      }
    }
  )
})

describe('transcriptor models pull (CLI)', () => {
  it('Ctrl-C leaves a resumable .part; the same pull resumes with Range and verifies', async () => {
    const home = join(dir, 'cli-home')
    const args = [
      BIN,
      '--data-dir',
      home,
      'models',
      'pull',
      '--url',
      server.url('/ggml-slow.bin'),
      '--sha1',
      sha1,
      '--name',
      'slowcli'
    ]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    await waitFor(() => /slowcli: \d+% /.test(stderr), 'a progress line', 20_000)
    child.kill('SIGINT')
    const code = await new Promise((r) => child.on('close', r))
    expect(code).toBe(130)
    expect(stderr).toMatch(/cancelled at .*; run the same pull again to resume/)
    expect(existsSync(join(home, 'models', 'ggml-slowcli.bin.part'))).toBe(true)
    const before = server.ranges('/ggml-slow.bin').length
    const again = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    again.stdout.on('data', (b: Buffer) => (out += b.toString()))
    expect(await new Promise((r) => again.on('close', r))).toBe(0)
    expect(out).toMatch(/slowcli: verified, 8\.0 MiB → .*ggml-slowcli\.bin/)
    expect(server.ranges('/ggml-slow.bin').slice(before)[0]).toMatch(/^bytes=\d+-$/)
    expect(readdirSync(join(home, 'models'))).toEqual(['ggml-slowcli.bin'])
  })
})
