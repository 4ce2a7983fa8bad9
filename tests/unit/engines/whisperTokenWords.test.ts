// The addon's segments to words (src/main/engines/whisperWorker/segmentsToWords.ts): the addon
// built here gives each segment its tokens (scripts/addonTokensPatch.mjs writes them as
// { text, p } plus t0/t1 in ms when token times were asked for); the prebuilt gives none. And the
// patch itself, applied to the addon source the lock pins.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { doubtfulWords } from '@shared/doubtfulWords'
import { segmentsToWords } from '../../../src/main/engines/whisperWorker/segmentsToWords'
import { WorkerReplySchema, parseLine } from '../../../src/main/engines/whisperWorker/protocol'
import type { Transcript } from '@shared/transcript'

const root = resolve(__dirname, '../../..')
const dir = mkdtempSync(join(tmpdir(), 'whisper-tokens-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** One segment as the patched addon returns it with tokenTimestamps on. */
const timed = {
  text: ' ill-disposed man.',
  t0: 1000,
  t1: 3000,
  tokens: [
    { text: ' ill', p: 0.9, t0: 1000, t1: 1300 },
    { text: '-', p: 0.6, t0: 1300, t1: 1400 },
    { text: 'disposed', p: 0.3, t0: 1400, t1: 1900 },
    { text: ' man', p: 0.95, t0: 2000, t1: 2400 },
    { text: '.', p: 0.85, t0: 2400, t1: 2500 }
  ]
}

describe('addon segments with tokens', () => {
  it("joins sub-word tokens into words; a word's confidence is the mean of its tokens'", () => {
    const words = segmentsToWords([timed])
    expect(words.map((w) => w.word)).toEqual(['ill-disposed', 'man.'])
    expect(words[0]).toMatchObject({ start: 1, end: 1.9 })
    expect(words[0].probability).toBeCloseTo(0.6, 6)
    expect(words[1]).toMatchObject({ start: 2, end: 2.5 })
    expect(words[1].probability).toBeCloseTo(0.9, 6)
  })

  it('without token times the words share the segment evenly and keep their confidence', () => {
    const untimed = { ...timed, tokens: timed.tokens.map(({ text, p }) => ({ text, p })) }
    const words = segmentsToWords([untimed])
    expect(words.map((w) => [w.word, w.start, w.end])).toEqual([
      ['ill-disposed', 1, 2],
      ['man.', 2, 3]
    ])
    expect(words[0].probability).toBeCloseTo(0.6, 6)
  })

  it('a token left without text (its bytes ended the character before) adds its probability', () => {
    const words = segmentsToWords([
      {
        text: ' café 中',
        t0: 0,
        t1: 1000,
        tokens: [
          { text: ' caf', p: 0.8 },
          { text: 'é', p: 0.6 },
          { text: '', p: 0.4 },
          { text: ' 中', p: 0.2 },
          { text: '', p: 0.6 }
        ]
      }
    ])
    expect(words.map((w) => w.word)).toEqual(['café', '中'])
    expect(words.map((w) => w.probability)).toEqual([
      expect.closeTo(0.6, 6),
      expect.closeTo(0.4, 6)
    ])
  })

  it('the prebuilt (no tokens key) spreads the text as before, with no confidence', () => {
    expect(segmentsToWords([{ text: ' Hello [_TT_50] world', t0: 0, t1: 1000 }])).toEqual([
      { word: 'Hello', start: 0, end: 0.5 },
      { word: 'world', start: 0.5, end: 1 }
    ])
  })

  it('the worker reply keeps the confidence, and the editor flags the unsure word', () => {
    const words = segmentsToWords([timed])
    const line = JSON.stringify({ type: 'result', id: 1, words, language: 'en' })
    const reply = parseLine(WorkerReplySchema, line)
    expect(reply?.type === 'result' && reply.words.map((w) => w.probability)).toEqual(
      words.map((w) => w.probability)
    )
    const transcript = {
      segments: [{ start: 1, end: 3, text: 'ill-disposed man.', words }]
    } as unknown as Transcript
    expect(doubtfulWords(transcript, 0.5)).toEqual([])
    expect(doubtfulWords(transcript, 0.7)).toEqual([
      { segment: 0, word: 0, start: 1, end: 1.9, why: 'confidence 60 %' }
    ])
  })
})

describe('the addon patch', () => {
  const source = join(root, 'node_modules/@fugood/whisper.node/src/common.cpp')
  const patch = (addonDir: string): string =>
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { patchAddon } from ${JSON.stringify(join(root, 'scripts/whisperPatch.mjs'))}
         patchAddon(${JSON.stringify(addonDir)})`
      ],
      { encoding: 'utf8', stdio: 'pipe' }
    )

  it('applies once to the pinned addon source, and refuses a second time', () => {
    copyFileSync(source, join(dir, 'common.cpp'))
    patch(dir)
    const text = readFileSync(join(dir, 'common.cpp'), 'utf8')
    expect(
      text.split('segment.Set("tokens", transcriptorSegmentTokens(env, ctx, i));')
    ).toHaveLength(2)
    expect(() => patch(dir)).toThrow(/already patched/)
  })
})
