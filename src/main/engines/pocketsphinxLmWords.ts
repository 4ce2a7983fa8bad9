// PocketSphinx's default English model pairs a 134,723-word pronouncing dictionary with a language
// model of 72,547 words. A word the language model lacks can never be recognized, yet every engine
// start reads, sorts and tables all of the dictionary: ~0.2 s of the ~0.75 s each chunk's process
// spends before it hears a sample. A dictionary cut to the language model's words builds the same
// search (the same channels: tests/integration/pipeline/pocketsphinxLmWords.test.ts compares the
// words and times), so it is derived once per model and kept in the user's cache.
import { createHash } from 'node:crypto'
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The trie binary format's magic (sphinxbase's ngram_model_trie), followed by the order byte. */
const TRIE_MAGIC = 'Trie Language Model'

/** Bytes read from the end of the language model at first; doubled until its words fit. */
const FIRST_TAIL_BYTES = 1 << 20

/**
 * The words of a trie-format language model: the file ends with its unigrams, each followed by a
 * NUL, and its header gives their count. Only the file's tail is read. Null when the file is not
 * in that format.
 */
export function trieLmWords(lmPath: string): Set<string> | null {
  const fd = openSync(lmPath, 'r')
  try {
    const header = Buffer.alloc(TRIE_MAGIC.length + 5)
    if (readSync(fd, header, 0, header.length, 0) < header.length) return null
    if (header.toString('latin1', 0, TRIE_MAGIC.length) !== TRIE_MAGIC) return null
    const count = header.readUInt32LE(TRIE_MAGIC.length + 1)
    const size = fstatSync(fd).size
    for (let tail = FIRST_TAIL_BYTES; ; tail *= 2) {
      const length = Math.min(tail, size - header.length)
      const bytes = Buffer.alloc(length)
      readSync(fd, bytes, 0, length, size - length)
      // The last piece is what follows the final NUL: empty in a whole file.
      const pieces = bytes.toString('latin1').replace(/\0+$/, '').split('\0')
      // The first piece may be cut off (or be the end of the trie): it is never counted.
      if (pieces.length > count) return new Set(pieces.slice(pieces.length - count))
      if (length === size - header.length) return null
    }
  } finally {
    closeSync(fd)
  }
}

/** The dictionary's lines whose word (without its `(2)` variant mark) the language model has. */
export function dictionaryLinesOf(dictPath: string, words: Set<string>): string {
  const kept: string[] = []
  for (const line of readFileSync(dictPath, 'latin1').split('\n')) {
    const space = line.indexOf(' ')
    const entry = space < 0 ? line : line.slice(0, space)
    const variant = entry.endsWith(')') ? entry.lastIndexOf('(') : -1
    if (words.has(variant > 0 ? entry.slice(0, variant) : entry)) kept.push(line)
  }
  return kept.join('\n') + '\n'
}

/** Same files, same content: the key changes when either file is replaced. */
function keyOf(lmPath: string, dictPath: string): string {
  const parts = [lmPath, dictPath].map((p) => {
    const s = statSync(p)
    return `${p}:${s.size}:${s.mtimeMs}`
  })
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16)
}

/** A kept cut whose size is the one its name records (a cut short file is never used). */
function keptCut(cacheDir: string, prefix: string): string | null {
  const name = existsSync(cacheDir)
    ? readdirSync(cacheDir).find((n) => n.startsWith(prefix) && n.endsWith('.dict'))
    : undefined
  if (!name) return null
  const path = join(cacheDir, name)
  if (statSync(path).size === Number(name.slice(prefix.length, -'.dict'.length))) return path
  rmSync(path, { force: true })
  return null
}

/**
 * The path of the dictionary cut to `lmPath`'s words, derived into `cacheDir` on first use; null
 * when the model is not one this can read (the engine then reads its whole dictionary). Its name
 * holds its size, checked at each use; it is written to a temporary name and renamed, so two
 * engine processes starting at once never read half, and a failed write leaves nothing behind.
 */
export function lmWordsDictionary(
  lmPath: string,
  dictPath: string,
  cacheDir: string
): string | null {
  if (!existsSync(lmPath) || !existsSync(dictPath)) return null
  const prefix = `lm-words-${keyOf(lmPath, dictPath)}-`
  const kept = keptCut(cacheDir, prefix)
  if (kept) return kept
  const words = trieLmWords(lmPath)
  if (!words) return null
  const text = dictionaryLinesOf(dictPath, words)
  const path = join(cacheDir, `${prefix}${Buffer.byteLength(text, 'latin1')}.dict`)
  mkdirSync(cacheDir, { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, text, 'latin1')
    renameSync(tmp, path)
  } finally {
    rmSync(tmp, { force: true })
  }
  return path
}
