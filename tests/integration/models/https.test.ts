// Model downloads over https, as from Hugging Face: the download client speaks TLS itself, so it
// must verify the server's certificate like any https client. A loopback mirror with a
// certificate made for the test (openssl): refused with one line while nothing trusts it; with
// it trusted (NODE_EXTRA_CA_CERTS, read when a process starts: a real CLI process), a pull,
// plain or chunked, installs a verified file.
import { createHash } from 'node:crypto'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ModelManager } from '../../../src/main/core/models/modelManager'
import { loopbackCertificate } from '../../support/loopbackCertificate'
import { ggmlBody, startModelServer, type ModelServer } from '../../support/modelServer'
import { removeDir, tempDir } from '../pipeline/harness'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const MiB = 1024 * 1024
const body = ggmlBody(6 * MiB)
const sha1 = createHash('sha1').update(body).digest('hex')

let dir: string
let server: ModelServer

beforeAll(async () => {
  dir = tempDir('transcriptor-https-')
  const { key, cert } = loopbackCertificate(dir)
  server = await startModelServer(
    { '/ggml-plain.bin': { body }, '/ggml-chunked.bin': { body, chunked: true } },
    { key, cert }
  )
})
afterAll(async () => {
  await server.close()
  removeDir(dir)
})

/** `transcriptor models pull --url` in a process that trusts the test's certificate. */
async function pullTrusting(home: string, path: string, name: string): Promise<string> {
  const args = ['models', 'pull', '--url', server.url(path), '--sha1', sha1, '--name', name]
  const child = spawn(process.execPath, [BIN, '--data-dir', home, ...args], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr.on('data', (b: Buffer) => (out += b.toString()))
  const code = await new Promise((r) => child.on('close', r))
  expect(code, out).toBe(0)
  return out
}

describe('model downloads over https', () => {
  it('a certificate nothing trusts: refused with one line, nothing left', async () => {
    const m = new ModelManager({ modelsDir: join(dir, 'untrusted'), baseUrl: () => server.base })
    await expect(m.pullUrl(server.url('/ggml-plain.bin'), sha1, 'plain')).rejects.toThrow(
      /^cannot reach 127\.0\.0\.1:\d+: self[- ]signed certificate$/
    )
    expect(existsSync(m.modelsDir) ? readdirSync(m.modelsDir) : []).toEqual([])
  })

  it.each(['plain', 'chunked'])('a trusted mirror: a %s body installs verified', async (kind) => {
    const home = join(dir, `cli-${kind}`)
    const out = await pullTrusting(home, `/ggml-${kind}.bin`, kind)
    expect(out).toMatch(new RegExp(`${kind}: verified, 6\\.0 MiB → .*ggml-${kind}\\.bin`))
    const installed = readFileSync(join(home, 'models', `ggml-${kind}.bin`))
    expect(createHash('sha1').update(installed).digest('hex')).toBe(sha1)
  })
})
