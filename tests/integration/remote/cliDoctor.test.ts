// `transcriptor doctor` checks each endpoint, saved (Settings → Endpoints) or given with
// --endpoint, and prints one line each: reachable, authorised, model known. Against real loopback
// servers; the saved endpoints are written by the app's own repository and key store, as the
// browser host writes them. A key the app keeps in the OS keychain cannot be read by the CLI:
// the line says so instead of reporting a bare 401.
import { spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/core/openDataDir'
import { EndpointRepository, keyRefOf } from '../../../src/main/core/endpoints/endpointRepository'
import { dataPaths } from '../../../src/main/core/paths'
import { FileSecretStore } from '../../../src/main/core/secrets/secretStore'
import { spawnSttServer, type RunningSttServer } from '../../support/sttServers'
import { removeDir, tempDir } from '../pipeline/harness'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const KEY = 'sk-doctor-5e4d3c2b1a09'

let dir: string
let dataDir: string
let keyed: RunningSttServer
let unauthorised: RunningSttServer
let closedPort: number
let keyedId: number

/** A port nothing listens on: bound once, then closed. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

function doctor(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, 'doctor', ...args], {
    env: { ...process.env, TRANSCRIPTOR_HOME: '', TRANSCRIPTOR_API_KEY: '', ...env },
    encoding: 'utf8',
    timeout: 60_000
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** The line of the endpoint on `port` (not one whose port merely starts with the same digits). */
const lineFor = (stdout: string, port: number): string =>
  stdout.split('\n').find((l) => new RegExp(`endpoint 127\\.0\\.0\\.1:${port}\\b`).test(l)) ?? ''

beforeAll(async () => {
  dir = tempDir('transcriptor-doctor-')
  dataDir = join(dir, 'data')
  ;[keyed, unauthorised] = await Promise.all([
    spawnSttServer({ apiKey: KEY }),
    spawnSttServer({ fault: '401' })
  ])
  closedPort = await freePort()
  const store = openStore(dataDir)
  try {
    const endpoints = new EndpointRepository(store.db)
    const secrets = new FileSecretStore(dataPaths(dataDir).secrets)
    const saved = endpoints.add(
      { baseUrl: `${keyed.url}/v1`, model: 'whisper-1', concurrency: 1 },
      true
    )
    keyedId = saved.id
    secrets.set(keyRefOf(saved.id), KEY)
    endpoints.add({ baseUrl: unauthorised.url, model: 'whisper-1', concurrency: 1 }, false)
  } finally {
    store.close()
  }
}, 60_000)

afterAll(async () => {
  await Promise.all([keyed.stop(), unauthorised.stop()])
  removeDir(dir)
})

describe('transcriptor doctor with endpoints', () => {
  it('one line per endpoint: reachable and authorised, not authorised, connection refused', () => {
    const run = doctor(['--endpoint', `http://127.0.0.1:${closedPort}/v1`])
    // pocketsphinx still works, so the machine can transcribe: exit 0 despite two bad endpoints.
    expect(run.code, run.stderr).toBe(0)
    expect(lineFor(run.stdout, keyed.port)).toMatch(
      /^ok\s+endpoint 127\.0\.0\.1:\d+(\/v1)?\s+reachable, authorised, model 'whisper-1' available$/
    )
    expect(lineFor(run.stdout, unauthorised.port)).toMatch(
      /^failing\s+endpoint 127\.0\.0\.1:\d+(\/v1)?\s+not authorised \(HTTP 401\)/
    )
    expect(lineFor(run.stdout, closedPort)).toMatch(
      /^unreachable\s+endpoint 127\.0\.0\.1:\d+(\/v1)?\s+connection refused/
    )
    expect(run.stdout).toMatch(/ready to transcribe/)
    expect(run.stdout + run.stderr).not.toContain(KEY)
  })

  it('a key kept in the app keychain: the line says the CLI cannot read it; TRANSCRIPTOR_API_KEY stands in', () => {
    // What the app leaves behind: the endpoint marked as keyed, its key in safeStorage, not in
    // the CLI's 0600 file.
    new FileSecretStore(dataPaths(dataDir).secrets).delete(keyRefOf(keyedId))
    const without = lineFor(doctor([]).stdout, keyed.port)
    expect(without).toMatch(/^failing\s+endpoint .*not authorised \(HTTP 401\)/)
    expect(without).toMatch(
      /its key is in the app's keychain, which the CLI cannot read: set TRANSCRIPTOR_API_KEY/
    )
    const run = doctor([], { TRANSCRIPTOR_API_KEY: KEY })
    expect(lineFor(run.stdout, keyed.port)).toMatch(
      /^ok\s+endpoint .*model 'whisper-1' available \(checked with TRANSCRIPTOR_API_KEY: the app's key is in its keychain\)$/
    )
    expect(run.stdout + run.stderr).not.toContain(KEY)
  })

  it('a disabled endpoint is said to be disabled, not checked', () => {
    const store = openStore(dataDir)
    try {
      const endpoints = new EndpointRepository(store.db)
      const saved = endpoints.add(
        { baseUrl: `http://127.0.0.1:${closedPort}/v1`, model: 'whisper-1', concurrency: 1 },
        false
      )
      endpoints.update({ id: saved.id, enabled: false })
    } finally {
      store.close()
    }
    expect(lineFor(doctor([]).stdout, closedPort)).toMatch(
      /^disabled\s+endpoint 127\.0\.0\.1:\d+\/v1\s+disabled in Settings → Endpoints/
    )
  })

  it("waits each endpoint's own timeout, saved or given with --endpoint", async () => {
    // Accepts connections and never answers.
    const silent = createServer(() => undefined)
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done))
    const port = (silent.address() as { port: number }).port
    try {
      const store = openStore(dataDir)
      try {
        new EndpointRepository(store.db).add(
          {
            baseUrl: `http://127.0.0.1:${port}/saved`,
            model: 'whisper-1',
            concurrency: 1,
            timeoutSeconds: 1
          },
          false
        )
      } finally {
        store.close()
      }
      const run = doctor(['--endpoint', `http://127.0.0.1:${port}/given,timeout=2`])
      const line = (path: string): string =>
        run.stdout.split('\n').find((l) => l.includes(`127.0.0.1:${port}/${path}`)) ?? ''
      expect(line('saved')).toMatch(/^unreachable\s+endpoint \S+\s+no answer within 1 s$/)
      expect(line('given')).toMatch(/^unreachable\s+endpoint \S+\s+no answer within 2 s$/)
    } finally {
      await new Promise((done) => silent.close(done))
    }
  })
})
