// Keys: the 0600 file store, and which keys a job's pipeline may receive (only for the URL the
// key was saved with), on real SQLite with the real migrations.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EndpointRepository, keyRefOf } from '../../../src/main/core/endpoints/endpointRepository'
import { FileSecretStore } from '../../../src/main/core/secrets/secretStore'
import { ENDPOINT_SETUP_HINT } from '../../../src/main/engines/endpointEngine'
import {
  endpointHandlers,
  endpointKeysEnv,
  NO_ENDPOINTS_TO_SHARE,
  withEndpoints
} from '../../../src/main/core/service/endpointHandlers'
import { DEFAULT_SETTINGS, jobOptionsIn } from '@shared/domain'
import { createTempDatabase, type TempDatabase } from '../../support/db'

const KEY = 'sk-unit-0123456789abcdef'
let db: TempDatabase | undefined
afterEach(() => {
  db?.cleanup()
  db = undefined
})

function deps(envKeyAllowed = false) {
  db = createTempDatabase()
  return {
    endpoints: new EndpointRepository(db.db),
    secrets: new FileSecretStore(join(db.dir, 'secrets.json')),
    envKeyAllowed
  }
}

describe('endpoint keys', () => {
  it('are kept in a 0600 file, never in the endpoints table, and removed with the endpoint', async () => {
    const d = deps()
    const handlers = endpointHandlers(d)
    const ctx = { clientId: 'unit' }
    const saved = await handlers['endpoints.add'](
      {
        baseUrl: 'http://127.0.0.1:9/v1',
        model: 'whisper-1',
        concurrency: 2,
        apiKey: KEY
      },
      ctx
    )
    expect(saved).toEqual({
      id: saved.id,
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'whisper-1',
      concurrency: 2,
      timeoutSeconds: null,
      hasKey: true,
      enabled: true
    })
    const file = join(db!.dir, 'secrets.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).toContain(KEY)
    expect(JSON.stringify(db!.db.prepare('SELECT * FROM endpoints').all())).not.toContain(KEY)
    await expect(
      handlers['endpoints.add'](
        {
          baseUrl: 'http://127.0.0.1:9/v1',
          model: 'whisper-1',
          concurrency: 1
        },
        ctx
      )
    ).rejects.toThrow(/already saved/)
    await handlers['endpoints.remove']({ id: saved.id }, ctx)
    expect(readFileSync(file, 'utf8')).not.toContain(KEY)
  })

  it('reach a job only for the URL they were saved with; the env key only where allowed', async () => {
    const d = deps()
    const saved = await endpointHandlers(d)['endpoints.add'](
      { baseUrl: 'http://good:1', model: 'm', concurrency: 1, apiKey: KEY },
      { clientId: 'unit' }
    )
    const ref = keyRefOf(saved.id)
    expect(
      endpointKeysEnv(d, [{ baseUrl: 'http://good:1', model: 'm', concurrency: 1, keyRef: ref }])
    ).toEqual({
      TRANSCRIPTOR_ENDPOINT_KEYS: JSON.stringify({ [ref]: KEY })
    })
    expect(
      endpointKeysEnv(d, [{ baseUrl: 'http://evil:1', model: 'm', concurrency: 1, keyRef: ref }])
    ).toEqual({})
    const options = { ...jobOptionsIn(DEFAULT_SETTINGS), engine: 'openai' as const }
    expect(withEndpoints(d, options).endpoints).toEqual([
      { baseUrl: 'http://good:1', model: 'm', concurrency: 1, keyRef: ref }
    ])
    const viaEnv = withEndpoints(d, {
      ...options,
      endpoints: [{ baseUrl: 'http://x:1', model: 'm', concurrency: 1, keyRef: 'env' }]
    })
    expect(viaEnv.endpoints?.[0].keyRef).toBeUndefined()
  })

  it("a saved endpoint's own timeout reaches the job; none saved = the job's default", async () => {
    const d = deps()
    const slow = await endpointHandlers(d)['endpoints.add'](
      { baseUrl: 'http://slow-gpu:8000/v1', model: 'large', concurrency: 1, timeoutSeconds: 1800 },
      { clientId: 'unit' }
    )
    expect(slow.timeoutSeconds).toBe(1800)
    await endpointHandlers(d)['endpoints.add'](
      { baseUrl: 'http://fast:8000/v1', model: 'base', concurrency: 2 },
      { clientId: 'unit' }
    )
    expect(
      (await endpointHandlers(d)['endpoints.list']({}, { clientId: 'unit' }))[1]
    ).toMatchObject({ timeoutSeconds: null })
    const options = { ...jobOptionsIn(DEFAULT_SETTINGS), engine: 'openai' as const }
    expect(withEndpoints(d, options).endpoints).toEqual([
      { baseUrl: 'http://slow-gpu:8000/v1', model: 'large', concurrency: 1, timeoutSeconds: 1800 },
      { baseUrl: 'http://fast:8000/v1', model: 'base', concurrency: 2 }
    ])
  })

  it('the endpoint engine with no endpoint saved or given is refused before a job exists', () => {
    const d = deps()
    const remote = { ...jobOptionsIn(DEFAULT_SETTINGS), engine: 'openai' as const }
    expect(() => withEndpoints(d, remote)).toThrow(ENDPOINT_SETUP_HINT)
    const given = { baseUrl: 'http://gpu:8000/v1', model: 'small', concurrency: 1 }
    expect(withEndpoints(d, { ...remote, endpoints: [given] }).endpoints).toEqual([given])
  })

  it('a local engine shares the job with the saved endpoints only when asked; none saved is refused', async () => {
    const d = deps()
    const local = {
      ...jobOptionsIn(DEFAULT_SETTINGS),
      engine: 'pocketsphinx' as const,
      processes: 2
    }
    expect(jobOptionsIn(DEFAULT_SETTINGS).alsoEndpoints).toBe(false)
    expect(() => withEndpoints(d, { ...local, alsoEndpoints: true })).toThrow(NO_ENDPOINTS_TO_SHARE)
    await endpointHandlers(d)['endpoints.add'](
      { baseUrl: 'http://gpu:8000/v1', model: 'small', concurrency: 3 },
      { clientId: 'unit' }
    )
    expect(withEndpoints(d, local).endpoints).toBeUndefined()
    const mixed = withEndpoints(d, { ...local, alsoEndpoints: true })
    // The pipeline's spec for a shared job: the local engine with its processes, plus the servers.
    expect(mixed).toMatchObject({ engine: 'pocketsphinx', processes: 2 })
    expect(mixed.endpoints).toEqual([
      { baseUrl: 'http://gpu:8000/v1', model: 'small', concurrency: 3 }
    ])
    const openai = { ...local, engine: 'openai' as const, alsoEndpoints: false }
    expect(withEndpoints(d, openai).endpoints).toHaveLength(1)
  })
})
