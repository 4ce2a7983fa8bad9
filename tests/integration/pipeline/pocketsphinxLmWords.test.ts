// The dictionary cut to the language model's words (src/main/engines/pocketsphinxLmWords.ts)
// must change nothing a user reads: the engine's words and times equal those of pocketsphinx run
// by hand with its whole dictionary.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { pocketsphinxArgs, pocketsphinxEngine } from '../../../src/main/engines/pocketsphinx'
import { parseContinuousTimes } from '../../../src/main/engines/pocketsphinxOutput'
import { librivoxClips } from '../../support/speech'

const dir = mkdtempSync(join(tmpdir(), 'lmwords-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const asText = (words: { word: string; start: number; end: number }[]): string[] =>
  words.map((w) => `${w.word}@${w.start.toFixed(2)}-${w.end.toFixed(2)}`)

describe('pocketsphinx with the dictionary cut to its language model', () => {
  // One clip here (each run costs ~2 CPU-s); jfk.wav and the five LibriVox clips printed the
  // same output, byte for byte, when the cut was made.
  it('a LibriVox clip: the same words at the same times as the whole dictionary', async () => {
    const wav = librivoxClips()[0]
    const args = pocketsphinxArgs('continuous', wav, '')
    const dict = args[args.indexOf('-dict') + 1]
    expect(args).toContain('-dict')
    // Debian's en-us: 134,723 entries, 79,420 of them for the language model's 72,547 words.
    const entries = readFileSync(dict, 'latin1').split('\n').length
    expect(entries).toBeGreaterThan(70_000)
    expect(entries).toBeLessThan(100_000)
    const whole = execFileSync('pocketsphinx_continuous', ['-infile', wav, '-time', 'yes'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    })
    const cut = await pocketsphinxEngine.transcribeChunk(wav, {
      model: '',
      threads: 1,
      signal: new AbortController().signal,
      scratchDir: dir
    })
    expect(cut.length).toBeGreaterThan(10)
    expect(asText(cut)).toEqual(asText(parseContinuousTimes(whole)))
  })
})
