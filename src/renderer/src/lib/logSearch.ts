// Log search: case-insensitive substring match (a plain string, not a regex, so a user typing
// "(" or "[" gets what they typed).

/** Indexes of the lines that contain `query`, in order. Empty query = every line. */
export function matchingLineIndexes(
  count: number,
  lineAt: (i: number) => string,
  query: string
): number[] {
  const needle = query.toLowerCase()
  const out: number[] = []
  for (let i = 0; i < count; i++) {
    if (needle === '' || lineAt(i).toLowerCase().includes(needle)) out.push(i)
  }
  return out
}

export interface TextPart {
  text: string
  match: boolean
}

/** Splits a line into matching and non-matching parts for highlighting. */
export function splitForHighlight(line: string, query: string): TextPart[] {
  if (query === '') return [{ text: line, match: false }]
  const lower = line.toLowerCase()
  const needle = query.toLowerCase()
  const parts: TextPart[] = []
  let from = 0
  for (;;) {
    const at = lower.indexOf(needle, from)
    if (at < 0) break
    if (at > from) parts.push({ text: line.slice(from, at), match: false })
    parts.push({ text: line.slice(at, at + needle.length), match: true })
    from = at + needle.length
  }
  if (from < line.length) parts.push({ text: line.slice(from), match: false })
  return parts
}

/**
 * Joins the tail read from the log file with live batches that arrived while it was loading.
 * The two may overlap (a line can be both in the file and in a batch); the longest suffix of the
 * tail that equals a prefix of the live lines is counted once.
 */
export function mergeTailAndLive(tail: readonly string[], live: readonly string[]): string[] {
  const maxOverlap = Math.min(tail.length, live.length)
  for (let k = maxOverlap; k > 0; k--) {
    let same = true
    for (let i = 0; i < k; i++) {
      if (tail[tail.length - k + i] !== live[i]) {
        same = false
        break
      }
    }
    if (same) return [...tail, ...live.slice(k)]
  }
  return [...tail, ...live]
}
