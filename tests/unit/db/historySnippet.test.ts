// The snippet of History's search: the line of the first hit, matched as the FTS index matches
// (case and accents folded, word starts, last word a prefix), long lines cut around the hit.
import { describe, expect, test } from 'vitest'
import { HIT_END, HIT_START, hitPattern, snippetOf } from '../../../src/main/core/db/historySnippet'

const mark = (s: string) => s.replaceAll(HIT_START, '[').replaceAll(HIT_END, ']')
const snippet = (text: string, words: string[], prefix = true) =>
  mark(snippetOf(text, hitPattern(words, prefix)!) ?? 'null')

describe('history snippet', () => {
  test('folds case and accents both ways, composed or decomposed', () => {
    expect(snippet('intro\nWe met at the Café\nbye', ['cafe'])).toBe('We met at the [Café]')
    expect(snippet('un cafe noir', ['CAFÉ'])).toBe('un [cafe] noir')
    expect(snippet('un cafe\u0301 noir', ['café'])).toBe('un [cafe\u0301] noir')
    expect(snippet('Ελληνικά γράμματα', ['ελληνικα'])).toBe('[Ελληνικά] γράμματα')
  })

  test('whole words except the last, which is a prefix; never inside a word', () => {
    expect(snippet('a river and rivers', ['river', 'and'])).toBe('a [river] [and] rivers')
    expect(snippet('the riverbank', ['river'])).toBe('the [riverbank]')
    expect(snippet('the riverbank', ['river'], false)).toBe('null')
    expect(snippet('shiver', ['iver'])).toBe('null')
    expect(snippet('a (x) b', ['x'])).toBe('a ([x]) b')
  })

  test('a long line is cut to the words around its first hit', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`)
    words[100] = 'needle'
    expect(snippet(words.join(' '), ['needle'])).toBe(
      '…w94 w95 w96 w97 w98 w99 [needle] w101 w102 w103 w104 w105 w106 w107 w108 w109…'
    )
  })

  test('regex syntax in a word is literal', () => {
    expect(snippet('cost 5 dollars', ['5'])).toBe('cost [5] dollars')
    expect(hitPattern([], true)).toBeNull()
  })
})
