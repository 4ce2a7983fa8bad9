// The dictionary cut to the language model's words (src/main/engines/pocketsphinxLmWords.ts)
// must change nothing a user reads: the same words at the same times as the whole dictionary.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { pocketsphinxEngine } from '../../../src/main/engines/pocketsphinx'
import { librivoxClips } from '../../support/speech'

const dir = mkdtempSync(join(tmpdir(), 'lmwords-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function words(wav: string, modelsDir?: string): Promise<string[]> {
  const found = await pocketsphinxEngine.transcribeChunk(wav, {
    model: '',
    threads: 1,
    signal: new AbortController().signal,
    scratchDir: dir,
    modelsDir
  })
  return found.map((w) => `${w.word}@${w.start.toFixed(2)}-${w.end.toFixed(2)}`)
}

describe('pocketsphinx with the dictionary cut to its language model', () => {
  // One clip here (each run costs ~2 CPU-s); jfk.wav and the five LibriVox clips printed the
  // same output, byte for byte, when the cut was made.
  it('a LibriVox clip: the same words at the same times as the whole dictionary', async () => {
    const wav = librivoxClips()[0]
    const modelsDir = join(dir, 'models')
    const [whole, cut] = await Promise.all([words(wav), words(wav, modelsDir)])
    expect(whole.length).toBeGreaterThan(10)
    expect(cut).toEqual(whole)
    const [kept] = readdirSync(join(modelsDir, 'pocketsphinx'))
    const lines = readFileSync(join(modelsDir, 'pocketsphinx', kept), 'latin1').split('\n')
    // Debian's en-us: 134,723 entries, 79,420 of them for the language model's 72,547 words.
    expect(lines.length).toBeLessThan(100_000)
    expect(lines.length).toBeGreaterThan(70_000)
  })
})
