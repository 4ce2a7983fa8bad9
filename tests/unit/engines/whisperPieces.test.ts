// The pure pieces of the whisper engine and the model catalog: language rules for `.en` models,
// the ggml header check (with the bytes of a refused file described), segments → words, the
// catalog parsed from whisper.cpp's published table, URL and name checks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { whisperLanguage } from '../../../src/main/engines/whisperLanguage'
import { checkGgmlFile, describeBytes } from '../../../src/main/engines/whisperWorker/ggmlFile'
import { segmentsToWords } from '../../../src/main/engines/whisperWorker/segmentsToWords'
import {
  catalogModels,
  checkDownloadUrl,
  checkModelName,
  modelBaseUrl,
  unknownModelMessage
} from '../../../src/main/core/models/catalog'
import { emptyWhisperModelBytes } from '../../support/emptyWhisperModel'

const dir = mkdtempSync(join(tmpdir(), 'whisper-pieces-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('language and task', () => {
  it('multilingual models take auto or a code; English-only models say so', () => {
    const multi = { path: '/m/ggml-base.bin', multilingual: true }
    const en = { path: '/m/ggml-base.en.bin', multilingual: false }
    expect(whisperLanguage(multi, 'auto', false)).toBe('auto')
    expect(whisperLanguage(multi, 'de', true)).toBe('de')
    expect(whisperLanguage(en, 'auto', false)).toBe('en')
    expect(() => whisperLanguage(en, 'de', false)).toThrow(
      "ggml-base.en.bin is an English-only model: it cannot transcribe 'de'; pick a multilingual one (e.g. base)"
    )
    expect(() => whisperLanguage(en, 'auto', true)).toThrow(
      /English-only model: it cannot translate/
    )
    expect(() => whisperLanguage(multi, 'klingon', false)).toThrow(/unknown language 'klingon'/)
  })

  it('which kind a model is comes from its vocabulary in the file, not its name', () => {
    const renamedEn = join(dir, 'ggml-small.bin') // English-only, named like a multilingual one
    writeFileSync(renamedEn, emptyWhisperModelBytes({ nVocab: 51864 }))
    const renamedMulti = join(dir, 'ggml-small.en.bin') // multilingual, named like an .en one
    writeFileSync(renamedMulti, emptyWhisperModelBytes({ nVocab: 51865 }))
    expect(checkGgmlFile(renamedEn)).toEqual({ ok: true, multilingual: false })
    expect(checkGgmlFile(renamedMulti)).toEqual({ ok: true, multilingual: true })
  })
})

describe('ggml check', () => {
  it('accepts an empty-weights model; refuses other files, naming a known kind, never their bytes', () => {
    const good = join(dir, 'good.bin')
    writeFileSync(good, emptyWhisperModelBytes())
    expect(checkGgmlFile(good)).toEqual({ ok: true, multilingual: true })
    const gguf = join(dir, 'x.gguf')
    writeFileSync(gguf, Buffer.from('GGUF\x03\x00\x00\x00rest', 'latin1'))
    expect(checkGgmlFile(gguf)).toEqual({
      ok: false,
      reason: 'not a whisper ggml model: a GGUF file (llama.cpp), not a whisper ggml model'
    })
    const secret = join(dir, 'secret')
    writeFileSync(secret, 'root:*:20000:0:99999:7:::\n')
    expect(checkGgmlFile(secret)).toEqual({
      ok: false,
      reason: 'not a whisper ggml model: it does not start with the ggml magic'
    })
    expect(checkGgmlFile(dir)).toEqual({ ok: false, reason: `${dir} is a folder, not a file` })
    expect(describeBytes(Buffer.alloc(0))).toBe('an empty file')
    const cut = join(dir, 'cut.bin')
    writeFileSync(cut, emptyWhisperModelBytes().subarray(0, 1000))
    expect(checkGgmlFile(cut)).toMatchObject({ ok: false, reason: /truncated whisper model/ })
    expect(checkGgmlFile(join(dir, 'missing.bin'))).toMatchObject({ ok: false, reason: /ENOENT/ })
  })
})

describe('segments to words', () => {
  it('spreads each segment over its span and drops special tokens', () => {
    expect(segmentsToWords([{ text: ' Hello big [_TT_50] world', t0: 1000, t1: 2500 }])).toEqual([
      { word: 'Hello', start: 1, end: 1.5 },
      { word: 'big', start: 1.5, end: 2 },
      { word: 'world', start: 2, end: 2.5 }
    ])
    expect(segmentsToWords([])).toEqual([])
  })
})

describe('catalog', () => {
  it("is whisper.cpp's table: sizes, SHA-1, English-only flags, one recommended", () => {
    const models = catalogModels({})
    expect(models.map((m) => m.name)).toContain('large-v3-turbo-q5_0')
    expect(models.find((m) => m.name === 'tiny')).toMatchObject({
      sha1: 'bd577a113a864445d4c299885e0cb97d4ba92b5f',
      approxBytes: 75 * 1024 * 1024,
      englishOnly: false
    })
    expect(models.find((m) => m.name === 'small.en-tdrz')?.englishOnly).toBe(true)
    expect(models.filter((m) => m.recommended).map((m) => m.name)).toEqual(['base.en'])
    expect(unknownModelMessage('x')).toMatch(/^unknown model 'x'; known: tiny, tiny\.en, base/)
  })

  it('mirror URL: env beats setting beats Hugging Face; only http(s); names are file-safe', () => {
    expect(modelBaseUrl('', {})).toBe('https://huggingface.co/ggerganov/whisper.cpp/resolve/main')
    expect(modelBaseUrl('http://mirror/m/', {})).toBe('http://mirror/m')
    expect(modelBaseUrl('http://mirror', { TRANSCRIPTOR_MODEL_BASE_URL: 'http://env' })).toBe(
      'http://env'
    )
    expect(() => checkDownloadUrl('file:///etc/passwd')).toThrow(/only http and https/)
    expect(() => checkDownloadUrl('not a url')).toThrow(/not a URL/)
    expect(() => checkModelName('../x')).toThrow(/bad model name/)
    expect(checkModelName('large-v3-turbo-q5_0')).toBe('large-v3-turbo-q5_0')
  })
})
