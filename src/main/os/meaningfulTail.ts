// A program's stderr reduced to what a user should read when it fails: its error lines, not the
// option dump or INFO chatter most tools print first.
/** The last lines of stderr worth showing a user: error lines first, never INFO chatter. */
export function meaningfulTail(stderr: string, lines = 3): string {
  const all = stderr
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
  const errors = all.filter((l) =>
    /\b(error|fatal|failed|cannot|abort(ed)?|segmentation)\b/i.test(l)
  )
  const notInfo = all.filter((l) => !/^INFO:/.test(l))
  const best = errors.length > 0 ? errors : notInfo.length > 0 ? notInfo : all
  return best.slice(-lines).join(' | ')
}
