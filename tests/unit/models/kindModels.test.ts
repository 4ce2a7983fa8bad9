// Models of the other kinds in the models folder: an import is checked first (a speaker model by
// its ONNX metadata, a VAD model by the ggml magic) and lands where its users look for it
// (CONTRACTS.md §4); a wrong file is refused with one line and nothing is installed; the
// catalog rows say kind, size and licence, and a row without a checksum cannot be pulled.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  importKindModel,
  installedKindModels,
  kindPullCheck
} from '../../../src/main/core/models/kindModels'
import { findKindModel, KIND_CATALOG } from '../../../src/main/core/models/kindCatalog'
import { resolveSpeakerModel } from '../../../src/main/engines/speakers/speakerModelPath'
import { makeSpeakerModels, type SpeakerModels } from '../../support/speakerModels'

const SILERO = resolve(__dirname, '../../../../shared/data/models/ggml-silero-v6.2.0.bin')
const dir = mkdtempSync(join(tmpdir(), 'kind-models-'))
const modelsDir = join(dir, 'models')
let models: SpeakerModels
beforeAll(() => {
  models = makeSpeakerModels(join(dir, 'made'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('models of other kinds', () => {
  it('imports each kind into its folder, where the pipeline finds it by name', async () => {
    const seg = await importKindModel(modelsDir, models.segmentation, 'segmentation', 'synthetic')
    expect(seg.path).toBe(join(modelsDir, 'segmentation', 'synthetic.onnx'))
    const emb = await importKindModel(modelsDir, models.embedding, 'embedding')
    expect(emb.path).toBe(join(modelsDir, 'embedding', 'embedding.onnx'))
    const vad = await importKindModel(modelsDir, SILERO, 'vad')
    expect(vad).toMatchObject({ name: 'silero-v6.2.0', bytes: 885_098 })
    expect(vad.path).toBe(join(modelsDir, 'vad', 'ggml-silero-v6.2.0.bin'))
    expect(await installedKindModels(modelsDir)).toEqual([
      { kind: 'vad', name: 'silero-v6.2.0', bytes: 885_098 },
      { kind: 'segmentation', name: 'synthetic', bytes: seg.bytes },
      { kind: 'embedding', name: 'embedding', bytes: emb.bytes }
    ])
    // '' = the installed one; a name = that one.
    expect(resolveSpeakerModel('', 'segmentation', modelsDir)).toEqual({
      path: seg.path,
      name: 'synthetic'
    })
    expect(resolveSpeakerModel('nope', 'embedding', modelsDir)).toEqual({
      reason: 'speaker embedding model "nope" is not installed'
    })
  })

  it('refuses a wrong file with one line and installs nothing', async () => {
    const fresh = join(dir, 'fresh')
    await expect(importKindModel(fresh, models.badMetadata, 'segmentation')).rejects.toThrow(
      'bad-metadata.onnx cannot be used as a speaker segmentation model: its metadata lacks window_size, num_classes'
    )
    await expect(importKindModel(fresh, models.segmentation, 'embedding')).rejects.toThrow(
      'it is a speaker segmentation model, not an embedding model'
    )
    await expect(importKindModel(fresh, models.embedding, 'vad')).rejects.toThrow(
      'embedding.onnx is not a VAD model'
    )
    const text = join(dir, 'notes.onnx')
    writeFileSync(text, 'hello\n')
    await expect(importKindModel(fresh, text, 'embedding')).rejects.toThrow('not an ONNX model')
    const left = existsSync(fresh) ? readdirSync(fresh, { recursive: true }).map(String) : []
    expect(left.filter((f) => /\.(onnx|bin)$|import-/.test(f))).toEqual([])
    expect(resolveSpeakerModel('', 'embedding', fresh)).toMatchObject({
      reason: expect.stringContaining('no speaker embedding model installed')
    })
  })

  it('refuses a named pipe at once, without waiting for a writer', async () => {
    const fifo = join(dir, 'pipe.onnx')
    execFileSync('mkfifo', [fifo])
    const started = Date.now()
    await expect(importKindModel(join(dir, 'fifo'), fifo, 'embedding')).rejects.toThrow(
      /is a named pipe|not a file/
    )
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('lists kinds, sizes and licences; a row without a checksum says how to get it', async () => {
    expect(KIND_CATALOG.filter((m) => m.kind === 'segmentation').length).toBeGreaterThanOrEqual(1)
    expect(KIND_CATALOG.filter((m) => m.kind === 'embedding').length).toBeGreaterThanOrEqual(2)
    for (const m of KIND_CATALOG) expect(m.licence).toMatch(/MIT|Apache-2.0/)
    const model = findKindModel('3dspeaker-campplus-en-voxceleb')
    if (!model) throw new Error('missing catalog row')
    expect(kindPullCheck(model)).toEqual({
      refused: expect.stringMatching(
        /cannot be downloaded here: its checksum is not in the catalog; download .* --kind embedding --name 3dspeaker-campplus-en-voxceleb/
      )
    })
  })
})
