// Turns a zod result into one message per form field, for inline errors next to each input.
interface IssueLike {
  path: readonly PropertyKey[]
  message: string
}

export function fieldErrors(issues: readonly IssueLike[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form'
    if (!(key in out)) out[key] = issue.message
  }
  return out
}

/** Parses a number input; '' and garbage become NaN so the schema reports them. */
export function parseNumberInput(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text)
}
