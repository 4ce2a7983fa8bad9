import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  buildWhisperArgs,
  parseWhisperJson,
  whisperJsonPath
} from '../../../src/main/engines/whisperOutput'

// Fixtures are laid out exactly as whisper.cpp's examples/cli/cli.cpp output_json() writes them
// (tab indentation, offsets in ms, special tokens such as [_BEG_] and [_TT_140] inside `tokens`).
const fixture = (name: string): string =>
  readFileSync(resolve(__dirname, '../../fixtures/whisper', name), 'utf8')

describe('buildWhisperArgs', () => {
  it('builds the whisper-cli argument list with full JSON output', () => {
    const args = buildWhisperArgs({
      model: '/m/ggml-base.en.bin',
      wavPath: '/t/chunk 1.wav',
      threads: 3,
      outputBase: '/t/out'
    })
    expect(args).toEqual([
      '-m',
      '/m/ggml-base.en.bin',
      '-f',
      '/t/chunk 1.wav',
      '-t',
      '3',
      '-l',
      'auto',
      '-ojf',
      '-of',
      '/t/out'
    ])
    expect(whisperJsonPath('/t/out')).toBe('/t/out.json')
  })

  it('never passes fewer than one thread', () => {
    expect(buildWhisperArgs({ model: 'm', wavPath: 'w', threads: 0, outputBase: 'o' })).toContain(
      '1'
    )
  })
})

describe('parseWhisperJson', () => {
  it('joins sub-word tokens into words with token times (-ojf)', () => {
    const words = parseWhisperJson(fixture('whisper-cli-ojf.json'))
    expect(words.map((w) => w.word)).toEqual([
      'he', 'was', 'not', 'an', 'ill-disposed', 'young', 'man.',
      'He', 'might', 'even', 'have', 'been', 'made', 'amiable', 'himself.'
    ]) // prettier-ignore
    const p = 0.912345 // the fixture's token probability
    expect(words[4]).toEqual({ word: 'ill-disposed', start: 1.3, end: 1.68, probability: p })
    expect(words[7]).toEqual({ word: 'He', start: 5.21, end: 5.37, probability: p })
  })

  it("gives each word the mean of its tokens' probabilities; special tokens count for nothing", () => {
    const token = (text: string, from: number, p: number): object => ({
      text,
      offsets: { from, to: from + 100 },
      p
    })
    const json = JSON.stringify({
      transcription: [
        {
          offsets: { from: 0, to: 1000 },
          text: ' ill-disposed man',
          tokens: [
            token('[_BEG_]', 0, 0.01),
            token(' ill', 0, 0.9),
            token('-', 100, 0.6),
            token('disposed', 200, 0.3),
            token(' man', 300, 0.95)
          ]
        }
      ]
    })
    const words = parseWhisperJson(json)
    expect(words.map((w) => w.word)).toEqual(['ill-disposed', 'man'])
    expect(words[0].probability).toBeCloseTo(0.6, 6)
    expect(words[1].probability).toBe(0.95)
  })

  it('spreads segment text over the segment when there are no tokens (-oj)', () => {
    const words = parseWhisperJson(fixture('whisper-cli-oj.json'))
    expect(words).toHaveLength(15)
    expect(words[0].start).toBe(0)
    expect(words[6]).toMatchObject({ word: 'man.' })
    expect(words[6].end).toBeCloseTo(2.79, 5)
    expect(words[7].start).toBeCloseTo(4.88, 5)
  })

  it('tolerates raw control characters whisper.cpp does not escape', () => {
    const json = '{"transcription":[{"offsets":{"from":0,"to":1000},"text":" a\tb"}]}'
    expect(parseWhisperJson(json).map((w) => w.word)).toEqual(['a', 'b'])
  })

  it('rejects a file without a transcription', () => {
    expect(() => parseWhisperJson('{"result":{}}')).toThrow(/transcription/)
  })
})
