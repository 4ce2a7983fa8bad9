// Models of the other kinds through the model manager, as Settings → Models uses it: the listing
// groups them with their state; Download fetches a row with a verified checksum from (loopback)
// HTTP, verifies it and checks it is a model of its kind; Import and Delete work by kind. Real
// Silero weights (../shared/data), real HTTP on 127.0.0.1.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ModelManager } from '../../../src/main/core/models/modelManager'
import type { KindCatalogModel } from '../../../src/main/core/models/kindCatalog'
import { startModelServer, type ModelServer } from '../../support/modelServer'
import { makeSpeakerModels, type SpeakerModels } from '../../support/speakerModels'

const SILERO = resolve(__dirname, '../../../../shared/data/models/ggml-silero-v6.2.0.bin')
const silero = readFileSync(SILERO)
const sha1 = (b: Buffer): string => createHash('sha1').update(b).digest('hex')

let dir: string
let server: ModelServer
let speakerModels: SpeakerModels

function row(name: string, path: string, body: Buffer | null): KindCatalogModel {
  return {
    name,
    kind: 'vad',
    sizeLabel: '885 KB',
    approxBytes: silero.length,
    licence: 'MIT',
    url: server.url(path),
    sha1: body ? sha1(body) : null,
    note: 'a test row'
  }
}

function manager(modelsDir: string): ModelManager {
  return new ModelManager({
    modelsDir,
    baseUrl: () => server.base,
    kindCatalog: [
      row('silero-test', '/ggml-silero.bin', silero),
      row('not-vad', '/ggml-notvad.bin', Buffer.from('text, not a model\n')),
      row('by-hand', '/ggml-silero.bin', null)
    ]
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kind-manager-'))
  speakerModels = makeSpeakerModels(join(dir, 'made'))
  server = await startModelServer({
    '/ggml-silero.bin': { body: silero },
    '/ggml-notvad.bin': { body: Buffer.from('text, not a model\n') }
  })
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the model manager and the other kinds', () => {
  it('downloads a verified row into its kind folder and lists it as installed', async () => {
    const models = manager(join(dir, 'pull'))
    const before = await models.list()
    expect(before.kinds.map((k) => [k.name, k.pullable, k.installed])).toEqual([
      ['silero-test', true, null],
      ['not-vad', true, null],
      ['by-hand', false, null]
    ])
    const path = await models.pull('silero-test')
    expect(path).toBe(join(dir, 'pull', 'vad', 'ggml-silero-test.bin'))
    expect(sha1(readFileSync(path))).toBe(sha1(silero))
    const after = await models.list()
    expect(after.kinds.find((k) => k.name === 'silero-test')?.installed?.bytes).toBe(silero.length)
    // Not a whisper model: the whisper rows do not count it.
    expect(after.others).toEqual([])
  })

  it('refuses a download that is not a model of its kind, and a row without a checksum', async () => {
    const models = manager(join(dir, 'refuse'))
    await expect(models.pull('not-vad')).rejects.toThrow(/not a VAD model/)
    expect(existsSync(join(dir, 'refuse', 'vad', 'ggml-not-vad.bin'))).toBe(false)
    await expect(models.pull('by-hand')).rejects.toThrow(
      /cannot be downloaded here: its checksum is not in the catalog/
    )
  })

  it('imports and deletes by kind; an imported file the catalog lacks is listed too', async () => {
    const modelsDir = join(dir, 'import')
    const models = manager(modelsDir)
    const imported = await models.importFile(speakerModels.embedding, 'voices', 'embedding')
    expect(imported.path).toBe(join(modelsDir, 'embedding', 'voices.onnx'))
    const listed = (await models.list()).kinds.find((k) => k.name === 'voices')
    expect(listed).toMatchObject({ kind: 'embedding', note: 'imported', pullable: false })
    const wrong = join(dir, 'wrong.onnx')
    writeFileSync(wrong, 'not onnx\n')
    await expect(models.importFile(wrong, undefined, 'segmentation')).rejects.toThrow(
      'not an ONNX model'
    )
    expect(await models.remove('voices', 'embedding')).toMatchObject({ removed: true })
    expect(existsSync(imported.path)).toBe(false)
    await expect(models.remove('voices', 'embedding')).rejects.toThrow(/not installed/)
  })
})
