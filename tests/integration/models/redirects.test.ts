// Redirects from a model mirror are followed only when they are sane: a Location that does not
// parse, another scheme (file:), or an endless chain is refused with one line, through the
// ModelManager and through the real CLI (a mirror on loopback with its own catalog), and the
// process lives to print it. Credentials in the mirror URL stay with the mirror's origin.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ModelManager } from '../../../src/main/core/models/modelManager'
import { ggmlBody, startModelServer, type ModelServer } from '../../support/modelServer'
import { modelsPullCli } from '../../support/modelsPullCli'
import { removeDir, tempDir } from '../pipeline/harness'

const body = ggmlBody(256 * 1024)
const sha1 = createHash('sha1').update(body).digest('hex')
const REFUSED = {
  file: /^refusing redirect from 127\.0\.0\.1:\d+ to file: URL 'file:\/\/\/etc\/passwd': only http and https downloads$/,
  unparseable: /^refusing redirect from 127\.0\.0\.1:\d+: unparseable location 'http:\/\/\[::1'$/,
  loop: /^refusing redirect from 127\.0\.0\.1:\d+: more than 5 redirects$/
}

let dir: string
let mirror: ModelServer
let cdn: ModelServer

beforeAll(async () => {
  dir = tempDir('transcriptor-redirects-')
  cdn = await startModelServer({ '/ggml-cred.bin': { body } })
  mirror = await startModelServer({
    '/ggml-file.bin': { body, redirectTo: 'file:///etc/passwd' },
    '/ggml-unparseable.bin': { body, redirectTo: 'http://[::1' },
    '/ggml-loop.bin': { body, redirectTo: '/ggml-loop.bin' },
    '/ggml-cred.bin': { body, redirectTo: cdn.url('/ggml-cred.bin') }
  })
  const lines = ['file', 'unparseable', 'loop'].map((n) => `${n}\t256 KiB\t${sha1}`)
  writeFileSync(join(dir, 'catalog.tsv'), `name\tsize\tsha1\n${lines.join('\n')}\n`)
})
afterAll(async () => {
  await mirror.close()
  await cdn.close()
  removeDir(dir)
})

const manager = (name: string): ModelManager =>
  new ModelManager({ modelsDir: join(dir, name), baseUrl: () => mirror.base })

describe('redirects (ModelManager)', () => {
  it.each(Object.entries(REFUSED))('%s: refused with one line, nothing left', async (name, why) => {
    const m = manager(`m-${name}`)
    await expect(m.pullUrl(mirror.url(`/ggml-${name}.bin`), sha1, name)).rejects.toThrow(why)
    expect(existsSync(m.modelsDir) ? readdirSync(m.modelsDir) : []).toEqual([])
  })

  it('a redirect chain stops after 5 hops', async () => {
    const before = mirror.requests('/ggml-loop.bin').length
    await expect(manager('hops').pullUrl(mirror.url('/ggml-loop.bin'), sha1, 'x')).rejects.toThrow(
      REFUSED.loop
    )
    expect(mirror.requests('/ggml-loop.bin').length - before).toBe(6)
  })

  it('credentials of the mirror URL are not sent to the origin it redirects to', async () => {
    const m = manager('cred')
    const withCredentials = mirror.url('/ggml-cred.bin').replace('http://', 'http://me:secret@')
    const path = await m.pullUrl(withCredentials, sha1, 'cred')
    expect(readFileSync(path).equals(body)).toBe(true)
    expect(mirror.requests('/ggml-cred.bin')[0].authorization).toMatch(/^Basic /)
    expect(cdn.requests('/ggml-cred.bin').map((h) => h.authorization)).toEqual([undefined])
  })
})

describe('redirects (transcriptor models pull against a loopback mirror)', () => {
  it.each(Object.entries(REFUSED))('%s: exit 1 with one line on stderr', async (name, why) => {
    const run = modelsPullCli(join(dir, `cli-${name}`), name, {
      base: mirror.base,
      catalog: join(dir, 'catalog.tsv')
    })
    expect(await run.code).toBe(1)
    const stderr = run.out.stderr
    const lines = stderr.split(/[\r\n]+/).filter((l) => l.trim() && !/^\s*\S+: \d+%/.test(l))
    expect(lines).toHaveLength(1)
    expect(lines[0].replace(/^transcriptor: /, '')).toMatch(why)
  })
})
