// The Content-Range of a 206 reply: which bytes it carries, of what total. A resumed download
// appends only a reply that starts exactly where its .part ends.

export interface ContentRange {
  start: number
  /** null for "bytes 0-9/*" (total unknown). */
  total: number | null
}

/** "bytes 100-199/1000" → { start: 100, total: 1000 }; anything else → null. */
export function parseContentRange(value: string | undefined): ContentRange | null {
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value ?? '')
  if (!m) return null
  return { start: Number(m[1]), total: m[3] === '*' ? null : Number(m[3]) }
}
