// Issue 24 #8, the core side: a saved endpoint is edited in every field (the key included) under
// its own id; a URL without a scheme is read as http://; a disabled endpoint stays saved with its
// key but no new job uses it; jobs name the endpoints they were given. And Settings' Test of a
// saved endpoint (issue 25 #13): it waits the endpoint's own timeout, and a redirect or an
// oversized answer is said as what it is, against a loopback server that answers that way.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { FileSecretStore } from '../../../src/main/core/secrets/secretStore'
import { dataPaths } from '../../../src/main/core/paths'
import { testJobOptions } from '../../support/jobOptions'
import { LIBRIVOX_DIR } from '../../support/speech'

let dir: string
let service: TranscriptionService
const ctx = { clientId: 'client-endpoints' }
const CLIP = join(LIBRIVOX_DIR, 'sense_and_sensibility_01_austen_64kb-0880.wav')

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-endpoint-edit-'))
  service = createTranscriptionService({ dataDir: join(dir, 'data') })
})

afterEach(async () => {
  await service.shutdown('test over')
  rmSync(dir, { recursive: true, force: true })
})

describe('endpoints: edit, enable, disable', () => {
  it('edits every field under the same id, reads gpu-box:8000 as http, and jobs use enabled ones only', async () => {
    const h = service.handlers
    const secrets = (): FileSecretStore => new FileSecretStore(dataPaths(join(dir, 'data')).secrets)
    const box = await h['endpoints.add'](
      { baseUrl: 'gpu-box:8000', model: 'small', concurrency: 1 },
      ctx
    )
    expect(box).toMatchObject({ baseUrl: 'http://gpu-box:8000', enabled: true, hasKey: false })
    const cloud = await h['endpoints.add'](
      { baseUrl: 'https://api.example/v1', model: 'whisper-1', concurrency: 2, apiKey: 'sk-old' },
      ctx
    )

    const edited = await h['endpoints.update'](
      {
        id: cloud.id,
        baseUrl: 'https://api2.example/v1',
        model: 'large',
        concurrency: 4,
        timeoutSeconds: 60,
        apiKey: 'sk-new'
      },
      ctx
    )
    expect(edited).toMatchObject({
      id: cloud.id,
      baseUrl: 'https://api2.example/v1',
      model: 'large',
      concurrency: 4,
      timeoutSeconds: 60,
      hasKey: true
    })
    expect(secrets().get(`endpoint-${cloud.id}`)).toBe('sk-new')
    // Editing into a duplicate of another endpoint is refused with the reason.
    await expect(
      h['endpoints.update']({ id: cloud.id, baseUrl: 'http://gpu-box:8000', model: 'small' }, ctx)
    ).rejects.toThrow(/another saved endpoint is already http:\/\/gpu-box:8000 with model small/)

    // Disabled: kept (with its key), not used by a new job.
    await h['endpoints.update']({ id: box.id, enabled: false }, ctx)
    const options = testJobOptions({ engine: 'openai', model: '' })
    const { created } = await h['jobs.create']({ paths: [CLIP], options }, ctx)
    await h['jobs.stop']({ id: created[0].id }, ctx)
    const used = JSON.parse(created[0].endpoints ?? '[]') as { baseUrl: string }[]
    expect(used.map((e) => e.baseUrl)).toEqual(['https://api2.example/v1'])

    await h['endpoints.update']({ id: cloud.id, enabled: false, apiKey: null }, ctx)
    expect(secrets().get(`endpoint-${cloud.id}`)).toBeNull()
    const list = await h['endpoints.list']({}, ctx)
    expect(list.map((e) => [e.id, e.enabled, e.hasKey])).toEqual([
      [box.id, false, false],
      [cloud.id, false, false]
    ])
    await expect(h['jobs.create']({ paths: [CLIP], options }, ctx)).rejects.toThrow(
      /every saved endpoint is disabled: enable one in Settings → Endpoints/
    )
  })
})

/** /slow never answers; /moved redirects; /moved-post redirects only the transcription; /big
 * answers /models with 5 MiB of JSON without announcing its length. */
function startOddServer(): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume()
    const path = (req.url ?? '').split('?')[0]
    if (path === '/slow/v1/models') return // the socket stays open until the client gives up
    if (path.startsWith('/moved/') || path === '/moved-post/v1/audio/transcriptions') {
      res.writeHead(301, { location: 'https://api.example/v1/models' })
      return void res.end()
    }
    if (path === '/big/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"data": [], "padding": "')
      return void res.end(`${' '.repeat(5 * 1024 * 1024)}"}`)
    }
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end('{"error": {"message": "no route"}}')
  })
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)))
}

describe("endpoints: Settings' Test", () => {
  let odd: Server
  let base: string
  beforeAll(async () => {
    odd = await startOddServer()
    base = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    odd.closeAllConnections()
    await new Promise((done) => odd.close(done))
  })

  const test = async (path: string, timeoutSeconds?: number) => {
    const h = service.handlers
    const saved = await h['endpoints.add'](
      { baseUrl: base + path, model: 'whisper-1', concurrency: 1, timeoutSeconds },
      ctx
    )
    return h['endpoints.test']({ id: saved.id }, ctx)
  }

  it("waits the endpoint's saved timeout, not a fixed one", async () => {
    const started = Date.now()
    const check = await test('/slow', 1)
    expect(check).toMatchObject({ ok: false, reachable: false, authorised: null })
    expect(check.detail).toMatch(/^127\.0\.0\.1:\d+\/slow: no answer within 1 s$/)
    expect(Date.now() - started).toBeLessThan(8_000)
  })

  it('a redirect is said as one, with where it points; whether the key works stays unknown', async () => {
    const moved = await test('/moved')
    expect(moved).toMatchObject({ ok: false, reachable: true, authorised: null, modelKnown: null })
    expect(moved.detail).toMatch(
      /^127\.0\.0\.1:\d+\/moved: answered a redirect \(HTTP 301\) to https:\/\/api\.example\/v1\/models: check the URL$/
    )
    // No /models: the check sends half a second of silence, and that is redirected.
    const movedPost = await test('/moved-post')
    expect(movedPost).toMatchObject({ ok: false, reachable: true, authorised: null })
    expect(movedPost.detail).toMatch(/redirected \(HTTP 301\)/)
  })

  it('an answer over the size cap: the server was reached, and the line says how much', async () => {
    const check = await test('/big')
    expect(check).toMatchObject({ ok: false, reachable: true, authorised: null, modelKnown: null })
    expect(check.detail).toMatch(/^127\.0\.0\.1:\d+\/big: answered more than 4\.0 MiB; cut off$/)
  })
})
