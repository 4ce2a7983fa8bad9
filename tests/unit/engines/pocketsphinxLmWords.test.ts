import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  dictionaryLinesOf,
  lmWordsDictionary,
  trieLmWords
} from '../../../src/main/engines/pocketsphinxLmWords'

const dir = mkdtempSync(join(tmpdir(), 'lmwords-unit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A trie-format file as sphinxbase writes it: magic, order, counts, the trie, then the words. */
function trieFile(name: string, words: string[], declared = words.length): string {
  const counts = Buffer.alloc(12)
  counts.writeUInt32LE(declared, 0)
  counts.writeUInt32LE(7, 4)
  counts.writeUInt32LE(3, 8)
  const trie = Buffer.from([0, 0, 1, 2, 0, 3, 0, 0])
  const vocab = Buffer.from(words.map((w) => `${w}\0`).join(''), 'latin1')
  const path = join(dir, name)
  writeFileSync(path, Buffer.concat([Buffer.from('Trie Language Model\x03'), counts, trie, vocab]))
  return path
}

const DICT = [
  'a AH',
  'a(2) EY',
  'ask AE S K',
  'asked AE S K T',
  "don't D OW N T",
  'zebra Z IY B R AH'
]

describe('trieLmWords', () => {
  it('reads the words that end the file, as many as its header counts', () => {
    const words = trieLmWords(trieFile('lm.bin', ['<s>', 'a', 'ask', "don't"]))
    expect(words && [...words].sort()).toEqual(['<s>', 'a', 'ask', "don't"])
  })
  it('is null for a file in another format or with fewer words than its header says', () => {
    const arpa = join(dir, 'lm.arpa')
    writeFileSync(arpa, '\\data\\\nngram 1=3\n')
    expect(trieLmWords(arpa)).toBeNull()
    expect(trieLmWords(trieFile('short.bin', ['a'], 400))).toBeNull()
  })
})

describe('dictionaryLinesOf', () => {
  it("keeps each pronunciation of the language model's words, variants included", () => {
    expect(dictionaryLinesOf(writeDict(), new Set(['a', "don't"]))).toBe(
      "a AH\na(2) EY\ndon't D OW N T\n"
    )
  })
})

function writeDict(): string {
  const path = join(dir, 'cmudict.dict')
  writeFileSync(path, DICT.join('\n') + '\n')
  return path
}

describe('lmWordsDictionary', () => {
  it('derives the cut once and finds it again while the model files stay the same', () => {
    const lm = trieFile('lm2.bin', ['a', 'ask'])
    const cache = join(dir, 'cache')
    const dict = writeDict()
    const first = lmWordsDictionary(lm, dict, cache)
    expect(first).not.toBeNull()
    expect(readFileSync(first!, 'latin1')).toBe('a AH\na(2) EY\nask AE S K\n')
    expect(lmWordsDictionary(lm, dict, cache)).toBe(first)
    writeFileSync(dict, 'a AH\n')
    expect(readFileSync(lmWordsDictionary(lm, dict, cache)!, 'latin1')).toBe('a AH\n')
  })
  it('a kept cut shorter than its name says (a disk that filled, a hand edit) is made again', () => {
    const lm = trieFile('lm5.bin', ['a', 'ask'])
    const dict = writeDict()
    const cache = join(dir, 'cache5')
    const first = lmWordsDictionary(lm, dict, cache)!
    writeFileSync(first, 'a AH\n')
    const again = lmWordsDictionary(lm, dict, cache)!
    expect(readFileSync(again, 'latin1')).toBe('a AH\na(2) EY\nask AE S K\n')
    expect(readdirSync(cache)).toEqual([basename(again)])
  })
  it('is null when the model has no readable language model, so the engine reads its own', () => {
    expect(lmWordsDictionary(join(dir, 'missing.bin'), writeDict(), join(dir, 'c2'))).toBeNull()
  })
  it('throws where the cut cannot be written (the engine then uses the whole dictionary)', () => {
    // A file where the folder should be stops root too, which writes through permissions.
    writeFileSync(join(dir, 'not-a-dir'), '')
    expect(() =>
      lmWordsDictionary(trieFile('lm3.bin', ['a']), writeDict(), join(dir, 'not-a-dir'))
    ).toThrow()
  })
})
