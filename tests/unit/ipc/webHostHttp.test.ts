// The browser host's HTTP side, on a real socket: the token guards every request (page, assets,
// upload, WebSocket), files are served only from the renderer dir with the right type and CSP,
// and uploads land in the data dir with the name checked and the size bounded. An upload the disk
// cannot take is refused up front; one that fills the disk midway is removed and says so (a real
// full disk: a small tmpfs); a slow upload that keeps sending is never cut, a stalled one is.
import { request, type ClientRequest } from 'node:http'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../../src/main/webHost/server'
import { socketUrl } from '../../support/host'
import { mountSmallDisk, whyNoFullDisk, type SmallDisk } from '../../support/fullDisk'
import { fakeService } from './fakeService'

let root: string
let rendererDir: string
let dataDir: string
let host: WebHost

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function http(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}
): Promise<Reply> {
  return new Promise((done, failed) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: init.method ?? 'GET',
        headers: init.headers
      },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', failed)
    req.end(init.body)
  })
}

function upgrade(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((done) => {
    const ws = new WebSocket(url, { headers })
    ws.on('open', () => {
      ws.close()
      done('open')
    })
    ws.on('unexpected-response', (_req, res) => done(`refused ${res.statusCode}`))
    ws.on('error', (error) => done(`error ${error.message}`))
  })
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'transcriptor-http-'))
  rendererDir = join(root, 'renderer')
  dataDir = join(root, 'data')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body{}')
  await writeFile(join(root, 'secret.txt'), 'top secret')
  host = await startWebHost({
    service: fakeService(),
    rendererDir,
    dataDir,
    maxUploadBytes: 1024,
    log: () => undefined
  })
})

afterAll(async () => {
  await host?.close()
  await rm(root, { recursive: true, force: true })
})

describe('browser host HTTP', () => {
  it('listens on loopback only and prints a token URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/)
  })

  it('refuses the page without the right token', async () => {
    expect((await http('/')).status).toBe(401)
    expect((await http('/?token=wrong')).status).toBe(401)
    expect((await http('/assets/app.js')).status).toBe(401)
    expect((await http(`/?token=${host.token}x`)).status).toBe(401)
  })

  it('serves the page with the token, a CSP and a cookie that then admits its assets', async () => {
    const page = await http(`/?token=${host.token}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>app</title>')
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    const cookie = String(page.headers['set-cookie']).split(';')[0] as string
    expect(cookie).toContain(host.token)
    const script = await http('/assets/app.js', { headers: { cookie } })
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await http('/assets/app.css', { headers: { cookie } })).headers['content-type']).toBe(
      'text/css; charset=utf-8'
    )
    expect((await http('/assets/missing.js', { headers: { cookie } })).status).toBe(404)
    // A client-side route gets the app.
    expect((await http('/jobs/3', { headers: { cookie } })).body).toContain('<title>app</title>')
  })

  it('never serves a file outside the renderer dir', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00'
    ]) {
      const reply = await http(`${path}?token=${host.token}`)
      expect(reply.body).not.toContain('top secret')
      expect([400, 404]).toContain(reply.status)
    }
  })

  it('refuses a foreign Host header or Origin even with the token (DNS rebinding, cross-site)', async () => {
    expect(
      (await http(`/?token=${host.token}`, { headers: { host: 'evil.example' } })).status
    ).toBe(401)
    expect(
      (await http(`/?token=${host.token}`, { headers: { origin: 'http://evil.example' } })).status
    ).toBe(401)
  })

  it('refuses a WebSocket without the right token or from another origin', async () => {
    expect(await upgrade(`ws://127.0.0.1:${host.port}/ws`)).toBe('refused 401')
    expect(await upgrade(`ws://127.0.0.1:${host.port}/ws?token=nope`)).toBe('refused 401')
    expect(await upgrade(socketUrl(host), { origin: 'http://evil.example' })).toBe('refused 401')
    expect(await upgrade(`ws://127.0.0.1:${host.port}/other?token=${host.token}`)).toBe(
      'refused 404'
    )
    expect(await upgrade(socketUrl(host))).toBe('open')
  })

  it('admits the page WebSocket by its cookie alone, but not from another origin', async () => {
    const page = await http(`/?token=${host.token}`)
    const cookie = String(page.headers['set-cookie']).split(';')[0] as string
    const bare = `ws://127.0.0.1:${host.port}/ws`
    expect(await upgrade(bare, { cookie })).toBe('open')
    expect(await upgrade(bare, { cookie, origin: `http://127.0.0.1:${host.port}` })).toBe('open')
    expect(await upgrade(bare, { cookie, origin: 'http://evil.example' })).toBe('refused 401')
    expect(await upgrade(bare, { cookie: cookie + 'x' })).toBe('refused 401')
  })

  it('stores an upload in the data dir and returns its path', async () => {
    const reply = await http(
      `/upload?token=${host.token}&name=${encodeURIComponent('talk one.wav')}`,
      {
        method: 'POST',
        body: Buffer.from('RIFF-data')
      }
    )
    expect(reply.status).toBe(200)
    const { path } = JSON.parse(reply.body) as { path: string }
    expect(path.startsWith(join(dataDir, 'uploads') + '/')).toBe(true)
    expect(path.endsWith('/talk one.wav')).toBe(true)
    expect(await readFile(path, 'utf8')).toBe('RIFF-data')
  })

  it('refuses bad uploads with a reason and leaves nothing behind', async () => {
    const before = await readdir(join(dataDir, 'uploads')).catch(() => [])
    const cases: [string, number, RegExp][] = [
      [`/upload?name=a.wav`, 401, /token/],
      [
        `/upload?token=${host.token}&name=${encodeURIComponent('../evil.wav')}`,
        400,
        /path separator/
      ],
      [`/upload?token=${host.token}&name=${encodeURIComponent('a\\b.wav')}`, 400, /path separator/],
      [`/upload?token=${host.token}&name=..`, 400, /\.\./],
      [`/upload?token=${host.token}`, 400, /file name/]
    ]
    for (const [path, status, reason] of cases) {
      const reply = await http(path, { method: 'POST', body: Buffer.from('x') })
      expect(reply.status).toBe(status)
      expect(reply.body).toMatch(reason)
    }
    const tooBig = await http(`/upload?token=${host.token}&name=big.wav`, {
      method: 'POST',
      body: Buffer.alloc(4096)
    })
    expect(tooBig.status).toBe(413)
    expect(await readdir(join(dataDir, 'uploads')).catch(() => [])).toEqual(before)
    expect((await http(`/upload?token=${host.token}&name=a.wav`)).status).toBe(405)
  })
})

/**
 * A streamed POST to `target`'s upload route: `send` writes the body (slowly, or never finishes
 * it); the reply, or why none came.
 */
function streamUpload(
  target: WebHost,
  name: string,
  headers: Record<string, string>,
  send: (req: ClientRequest) => Promise<void>
): Promise<Reply | { failed: string }> {
  return new Promise((done) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `/upload?token=${target.token}&name=${name}`,
        method: 'POST',
        headers
      },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }))
        res.on('error', (error) => done({ failed: error.message }))
      }
    )
    req.on('error', (error) => done({ failed: error.message }))
    send(req).catch((error: unknown) => done({ failed: String(error) }))
  })
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const folders = (dir: string): Promise<string[]> =>
  readdir(join(dir, 'uploads')).catch(() => [] as string[])

describe('uploads and the disk, slow and stalled clients', () => {
  const IDLE_MS = 400
  let roomy: WebHost
  let roomyData: string
  const lines: string[] = []
  beforeAll(async () => {
    roomyData = join(root, 'roomy')
    roomy = await startWebHost({
      service: fakeService(),
      rendererDir,
      dataDir: roomyData,
      maxUploadBytes: Number.MAX_SAFE_INTEGER,
      uploadIdleMs: IDLE_MS,
      log: (line) => lines.push(line)
    })
  })
  afterAll(() => roomy?.close())

  it("refuses up front an upload larger than the data dir's free space, with one line", async () => {
    const reply = await streamUpload(
      roomy,
      'huge.wav',
      { 'content-length': String(2 ** 50) },
      async (req) => void req.write('RIFF')
    )
    expect(reply).toMatchObject({ status: 507 })
    expect(JSON.parse((reply as Reply).body)).toEqual({
      error: expect.stringMatching(
        /^upload refused: not enough free space in \S+\/roomy\/uploads: need 1024 TiB plus 64 MiB, [\d.]+ \S+ free$/
      ) as unknown
    })
    expect(await folders(roomyData)).toEqual([])
  })

  it('a slow upload that keeps sending is not cut; one that stops sending is dropped and removed', async () => {
    const chunk = Buffer.alloc(1000, 0x61)
    const slow = await streamUpload(roomy, 'slow.wav', {}, async (req) => {
      // 3 × the idle limit in all, a chunk every quarter of it.
      for (let i = 0; i < 12; i++) {
        req.write(chunk)
        await pause(IDLE_MS / 4)
      }
      req.end()
    })
    expect(slow).toMatchObject({ status: 200 })
    const { path } = JSON.parse((slow as Reply).body) as { path: string }
    expect((await readFile(path)).length).toBe(12_000)

    const before = await folders(roomyData)
    const stalled = await streamUpload(
      roomy,
      'stalled.wav',
      { 'content-length': '5000' },
      async (req) => void req.write(chunk)
    )
    expect(stalled).toEqual({ failed: expect.stringMatching(/socket hang up|ECONNRESET/) })
    // The client sees the hang-up as the host removes what it had stored.
    await expect.poll(() => folders(roomyData), { timeout: 5_000 }).toEqual(before)
    await expect
      .poll(() => lines, { timeout: 5_000 })
      .toContain(
        '[webHost] upload: upload stalled: nothing arrived for 0.4 s; the partial upload was removed'
      )
  })

  it('a refused upload that goes on sending is read only so far, then cut off', async () => {
    const tight = await startWebHost({
      service: fakeService(),
      rendererDir,
      dataDir: join(root, 'tight'),
      maxUploadBytes: 1000,
      log: () => undefined
    })
    try {
      let sent = 0
      let status = 0
      const block = Buffer.alloc(256 * 1024, 0x63)
      await new Promise<void>((done) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: tight.port,
            path: `/upload?token=${tight.token}&name=endless.wav`,
            method: 'POST'
          },
          (res) => {
            status = res.statusCode ?? 0
            res.resume()
          }
        )
        req.on('error', () => done())
        req.on('close', () => done())
        // 256 MiB, far past what the host reads of a refused body before it hangs up.
        const pump = (): void => {
          while (sent < 256 * 1024 * 1024) {
            sent += block.length
            if (!req.write(block)) return void req.once('drain', pump)
          }
          req.end()
        }
        pump()
      })
      expect(status).toBe(413)
      expect(sent).toBeLessThan(32 * 1024 * 1024)
      expect(await folders(join(root, 'tight'))).toEqual([])
    } finally {
      await tight.close()
    }
  })

  const noDisk = whyNoFullDisk()
  it.skipIf(noDisk !== null)(
    `a disk that fills midway: the partial upload is removed and the client told so${noDisk ? ` (not run: ${noDisk})` : ''}`,
    async () => {
      const disk: SmallDisk = mountSmallDisk(4)
      const small = await startWebHost({
        service: fakeService(),
        rendererDir,
        dataDir: disk.dir,
        log: () => undefined
      })
      try {
        // No Content-Length (nothing to check up front): 8 MiB into a 4 MiB disk.
        const reply = await streamUpload(small, 'big.wav', {}, async (req) => {
          const block = Buffer.alloc(256 * 1024, 0x62)
          for (let i = 0; i < 32; i++) {
            if (!req.write(block)) await new Promise((r) => req.once('drain', r))
          }
          req.end()
        })
        expect(reply).toMatchObject({ status: 507 })
        expect(JSON.parse((reply as Reply).body)).toEqual({
          error: `upload stopped: the disk of ${join(disk.dir, 'uploads')} is full; the partial upload was removed`
        })
        expect(await folders(disk.dir)).toEqual([])
        // With Content-Length, the same disk is refused before a byte is written.
        const next = await streamUpload(
          small,
          'next.wav',
          { 'content-length': '4' },
          async (req) => void req.end('RIFF')
        )
        expect(next).toMatchObject({ status: 507 })
        expect((next as Reply).body).toMatch(/upload refused: not enough free space in /)
      } finally {
        await small.close()
        disk.unmount()
      }
    }
  )
})
