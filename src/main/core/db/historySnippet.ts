// History's snippet: the transcript line where the search first matches, hits marked. FTS5's own
// snippet() scores every pair of hits in a row, so its cost grows with the square of the hits (a
// frequent word in a long transcript froze the host for seconds); here one linear regex scan stops
// at the first hit, and the text read per page is bounded. The regex matches as the FTS index does
// (unicode61 with remove_diacritics 2): case-insensitive, accents folded, a word's start, the last
// word as a prefix (see ftsQuery in ./historyQuery).

export const HIT_START = '\u0002'
export const HIT_END = '\u0003'
/** Words shown around the hit when its line is longer. */
const WORDS_BEFORE = 6
const WORDS_AFTER = 10
/** A line longer than this is cut around the hit (a transcript line is one segment). */
const MAX_LINE_CHARS = 400

const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]'

/** Case and accents folded as the index folds them ("Café" → "cafe"). */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

let accented: Map<string, string[]> | null = null

/** Every precomposed letter that folds to a given base letter (é, É, ê… for e), built once. */
function accentedForms(): Map<string, string[]> {
  if (accented) return accented
  accented = new Map()
  for (let cp = 0xc0; cp < 0x2000; cp++) {
    const ch = String.fromCodePoint(cp)
    const base = foldWord(ch)
    if (base.length !== 1 || base === ch.toLowerCase()) continue
    accented.set(base, [...(accented.get(base) ?? []), ch])
  }
  return accented
}

const escapeClass = (ch: string): string => ch.replace(/[\\\]^-]/g, '\\$&')
const escapeChar = (ch: string): string => ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')

function letterPattern(base: string): string {
  const forms = accentedForms().get(base)
  const one = forms ? `[${[base, ...forms].map(escapeClass).join('')}]` : escapeChar(base)
  // A decomposed accent (e + U+0301) is a mark after the letter.
  return `${one}\\p{M}*`
}

/** One regex for the search words: whole words, the last one a prefix if asked (null: no words). */
export function hitPattern(words: string[], lastIsPrefix: boolean): RegExp | null {
  const folded = words.map(foldWord).filter(Boolean)
  if (folded.length === 0) return null
  const alternatives = folded.map((word, i) => {
    const letters = [...word].map(letterPattern).join('')
    const end = lastIsPrefix && i === folded.length - 1 ? `${WORD_CHAR}*` : `(?!${WORD_CHAR})`
    return `(?<!${WORD_CHAR})${letters}${end}`
  })
  return new RegExp(alternatives.join('|'), 'giu')
}

/** Cuts a long line to the words around [from, to), with … where it was cut. */
function around(line: string, from: number, to: number): [string, number, number] {
  if (line.length <= MAX_LINE_CHARS) return [line, from, to]
  const before = line.slice(0, from).split(/(?<=\s)/)
  const after = line.slice(to).split(/(?<=\s)/)
  const head = before.slice(-WORDS_BEFORE).join('')
  const tail = after.slice(0, WORDS_AFTER).join('')
  const cutHead = before.length > WORDS_BEFORE ? '…' : ''
  const cutTail = after.length > WORDS_AFTER ? '…' : ''
  const start = cutHead.length + head.length
  const text = `${cutHead}${head}${line.slice(from, to)}${tail.trimEnd()}${cutTail}`
  return [text, start, start + (to - from)]
}

/**
 * The line of `text` holding the first hit, each hit in it marked with HIT_START/HIT_END; null
 * when the words are not in the text (a match only in the file name).
 */
export function snippetOf(text: string, pattern: RegExp): string | null {
  pattern.lastIndex = 0
  const first = pattern.exec(text)
  if (!first) return null
  const lineStart = text.lastIndexOf('\n', first.index) + 1
  const newline = text.indexOf('\n', first.index)
  const lineEnd = newline < 0 ? text.length : newline
  const [line, from, to] = around(
    text.slice(lineStart, lineEnd),
    first.index - lineStart,
    first.index - lineStart + first[0].length
  )
  // Mark the first hit, then any other hit in what is shown.
  const rest = line.slice(to).replace(pattern, (hit) => `${HIT_START}${hit}${HIT_END}`)
  return `${line.slice(0, from)}${HIT_START}${line.slice(from, to)}${HIT_END}${rest}`
}
