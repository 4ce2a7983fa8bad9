// Issue 24 #8, the core side: a saved endpoint is edited in every field (the key included) under
// its own id; a URL without a scheme is read as http://; a disabled endpoint stays saved with its
// key but no new job uses it; jobs name the endpoints they were given.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
