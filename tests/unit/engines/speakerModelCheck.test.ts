// The speaker models' ONNX metadata, read in TypeScript before sherpa-onnx sees a file: the
// synthetic models of tests/support/speakerModels pass as their kind, and every wrong file (the
// other kind, metadata sherpa would exit on, random bytes, empty, missing, a folder) gets one
// line naming the file and the reason.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkSpeakerModel } from '../../../src/main/engines/speakers/speakerModelCheck'
import { readOnnxMetadata } from '../../../src/main/engines/speakers/onnxMetadata'
import { makeSpeakerModels, type SpeakerModels } from '../../support/speakerModels'

const dir = mkdtempSync(join(tmpdir(), 'speaker-models-'))
let models: SpeakerModels
beforeAll(() => {
  models = makeSpeakerModels(dir)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function reason(check: ReturnType<typeof checkSpeakerModel>): string {
  if (check.ok) throw new Error('expected a refusal')
  expect(check.reason).not.toContain('\n')
  return check.reason
}

describe('speaker model metadata', () => {
  it('reads metadata_props of a real ONNX file', () => {
    const info = readOnnxMetadata(models.segmentation)
    expect(info.hasGraph).toBe(true)
    expect(info.metadata.get('window_size')).toBe('160000')
    expect(info.metadata.get('num_classes')).toBe('3')
  })

  it('accepts each model as its own kind', () => {
    expect(checkSpeakerModel(models.segmentation, 'segmentation')).toMatchObject({ ok: true })
    const embedding = checkSpeakerModel(models.embedding, 'embedding')
    expect(embedding).toMatchObject({ ok: true, metadata: { framework: 'wespeaker' } })
    expect(checkSpeakerModel(models.constantEmbedding, 'embedding').ok).toBe(true)
  })

  it('refuses the other kind, naming what the file is', () => {
    expect(reason(checkSpeakerModel(models.embedding, 'segmentation'))).toBe(
      'embedding.onnx cannot be used as a speaker segmentation model: it is a speaker embedding model, not a segmentation model'
    )
    expect(reason(checkSpeakerModel(models.segmentation, 'embedding'))).toMatch(
      /it is a speaker segmentation model, not an embedding model$/
    )
  })

  it('refuses metadata sherpa would exit on', () => {
    expect(reason(checkSpeakerModel(models.badMetadata, 'segmentation'))).toBe(
      'bad-metadata.onnx cannot be used as a speaker segmentation model: its metadata lacks window_size, num_classes'
    )
  })

  it('refuses random bytes, an empty file, a missing file and a folder', () => {
    const random = join(dir, 'random.onnx')
    writeFileSync(random, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 97 + 13) % 256)))
    expect(reason(checkSpeakerModel(random, 'embedding'))).toContain('is not an ONNX model')
    const empty = join(dir, 'empty.onnx')
    writeFileSync(empty, '')
    expect(reason(checkSpeakerModel(empty, 'embedding'))).toContain('is empty')
    expect(reason(checkSpeakerModel(join(dir, 'nope.onnx'), 'segmentation'))).toContain('ENOENT')
    expect(reason(checkSpeakerModel(dir, 'segmentation'))).toContain('not a file')
  })
})
