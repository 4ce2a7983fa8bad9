import { describe, expect, it } from 'vitest'
import { normalizeForWer, wordErrorRate } from '../../support/wer'

describe('wordErrorRate', () => {
  it('is 0 for identical text after normalizing case and punctuation', () => {
    expect(wordErrorRate('<s> Hello, World! </s>', 'hello world')).toBe(0)
  })

  it('counts substitutions, deletions and insertions', () => {
    expect(wordErrorRate('a b c d', 'a x c d')).toBe(0.25)
    expect(wordErrorRate('a b c d', 'a c d')).toBe(0.25)
    expect(wordErrorRate('a b c d', 'a b c d e f')).toBe(0.5)
    expect(wordErrorRate('a b', '')).toBe(1)
  })

  it('handles empty references', () => {
    expect(wordErrorRate('', '')).toBe(0)
    expect(wordErrorRate('', 'x')).toBe(1)
  })

  it('keeps apostrophes inside words', () => {
    expect(normalizeForWer("Don't 'quote' me.")).toEqual(["don't", 'quote', 'me'])
  })
})
