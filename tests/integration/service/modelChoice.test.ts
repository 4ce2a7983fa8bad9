// Issue 24 #2, the core side: a job never starts with a whisper model that is not installed (the
// create is refused with the reason, no row is left); whisper is ready as soon as any model is
// installed (an imported one, not only the default base.en); Retry may pick another model; an
// imported model can be deleted again.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { FAST_EMPTY_MODEL, writeEmptyWhisperModel } from '../../support/emptyWhisperModel'
import { testJobOptions } from '../../support/jobOptions'
import { LIBRIVOX_DIR } from '../../support/speech'

let dir: string
let service: TranscriptionService
const ctx = { clientId: 'client-models' }
const CLIP = join(LIBRIVOX_DIR, 'sense_and_sensibility_01_austen_64kb-0880.wav')

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-model-choice-'))
  service = createTranscriptionService({ dataDir: join(dir, 'data') })
})

afterEach(async () => {
  await service.shutdown('test over')
  rmSync(dir, { recursive: true, force: true })
})

const whisper = (model: string): ReturnType<typeof testJobOptions> =>
  testJobOptions({ engine: 'whisper', model, processes: 1, chunkSeconds: 30 })

async function whisperInfo(): Promise<{ available: boolean; models: string[] }> {
  const engines = await service.handlers['engines.list']({}, ctx)
  const info = engines.find((e) => e.name === 'whisper')
  if (!info) throw new Error('whisper is not listed')
  return info
}

describe('whisper models and jobs', () => {
  it('refuses a job whose model is not installed, is ready once one is imported, retries with another model', async () => {
    const h = service.handlers
    await expect(
      h['jobs.create']({ paths: [CLIP], options: whisper('small') }, ctx)
    ).rejects.toThrow(/whisper model 'small' is not installed: download or import one/)
    await expect(h['jobs.create']({ paths: [CLIP], options: whisper('') }, ctx)).rejects.toThrow(
      /no whisper model is installed/
    )
    expect(await h['jobs.list']({}, ctx)).toHaveLength(0)
    expect((await whisperInfo()).available).toBe(false)

    // An imported model that is not the default (base.en): whisper is ready at once.
    const file = writeEmptyWhisperModel(join(dir, 'ggml-mine.en.bin'), FAST_EMPTY_MODEL)
    const imported = await h['models.import']({ path: file }, ctx)
    expect(imported.name).toBe('mine.en')
    expect(await whisperInfo()).toMatchObject({ available: true, models: ['mine.en'] })

    const { created } = await h['jobs.create']({ paths: [CLIP], options: whisper('') }, ctx)
    const id = created[0].id
    await h['jobs.stop']({ id }, ctx)
    await expect(h['jobs.retry']({ id, model: 'medium' }, ctx)).rejects.toThrow(
      /whisper model 'medium' is not installed/
    )
    const retried = await h['jobs.retry']({ id, model: 'mine.en' }, ctx)
    expect(retried.model).toBe('mine.en')
    await h['jobs.stop']({ id: retried.id }, ctx)

    // An imported model (not in the catalog) is deleted like a downloaded one.
    const listing = await h['models.list']({}, ctx)
    expect(listing.others.map((m) => m.name)).toEqual(['mine.en'])
    await h['models.delete']({ name: 'mine.en' }, ctx)
    expect(existsSync(imported.path)).toBe(false)
    expect((await whisperInfo()).available).toBe(false)
  })
})
