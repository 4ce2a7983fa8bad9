// A model download started from the browser host (the mirror is a setting) against a loopback
// mirror that redirects somewhere it must not: the host refuses with one line, reported as the
// download's failure, and keeps serving requests (before, the throw inside the response handler
// took the whole host down).
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DownloadProgress } from '@shared/models'
import { connectClient, startHost, type HostClient, type RunningHost } from '../../support/host'
import { ggmlBody, startModelServer, type ModelServer } from '../../support/modelServer'

const body = ggmlBody(256 * 1024)
const sha1 = createHash('sha1').update(body).digest('hex')
const REFUSED: Record<string, RegExp> = {
  file: /^refusing redirect from 127\.0\.0\.1:\d+ to file: URL 'file:\/\/\/etc\/passwd': only http and https downloads$/,
  unparseable: /^refusing redirect from 127\.0\.0\.1:\d+: unparseable location 'http:\/\/\[::1'$/
}

let dir: string
let mirror: ModelServer
let host: RunningHost
let client: HostClient

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-host-models-'))
  mirror = await startModelServer({
    '/ggml-file.bin': { body, redirectTo: 'file:///etc/passwd' },
    '/ggml-unparseable.bin': { body, redirectTo: 'http://[::1' },
    '/ggml-fine.bin': { body, redirect: true }
  })
  const names = ['file', 'unparseable', 'fine']
  writeFileSync(
    join(dir, 'catalog.tsv'),
    `name\tsize\tsha1\n${names.map((n) => `${n}\t256 KiB\t${sha1}`).join('\n')}\n`
  )
  host = await startHost({ env: { TRANSCRIPTOR_MODEL_CATALOG: join(dir, 'catalog.tsv') } })
  client = await connectClient(host)
  const settings = await client.call('settings.get', {})
  await client.call('settings.set', { settings: { ...settings, modelBaseUrl: mirror.base } })
})
afterAll(async () => {
  await client?.close()
  await host?.stop()
  await mirror?.close()
  rmSync(dir, { recursive: true, force: true })
})

const finished = (name: string): Promise<DownloadProgress[]> =>
  client.waitForEvent(
    'models.progress',
    (batch) => batch.some((p) => p.name === name && (p.state === 'failed' || p.state === 'done')),
    20_000
  )

describe('browser host: model download redirects', () => {
  it.each(Object.entries(REFUSED))(
    '%s: the download fails with one line; the host lives on',
    async (name, why) => {
      expect(await client.call('models.pull', { name })).toEqual({ started: true })
      const last = (await finished(name)).find((p) => p.name === name)
      expect(last?.state).toBe('failed')
      expect(last?.error).toMatch(why)
      expect(host.process.exitCode).toBeNull()
      const listing = await client.call('models.list', {})
      expect(listing.catalog.find((m) => m.name === name)?.installed).toBeNull()
    }
  )

  it('after those, a sane redirect still downloads and installs', async () => {
    await client.call('models.pull', { name: 'fine' })
    expect((await finished('fine')).find((p) => p.name === 'fine')?.state).toBe('done')
    const listing = await client.call('models.list', {})
    expect(listing.catalog.find((m) => m.name === 'fine')?.installed?.bytes).toBe(body.length)
  })
})
