// Turns a zod result into one message per form field, for inline errors next to each input.
// The schema's wording ("Too small: expected number to be >=1", "received NaN") is for
// programmers; a person reads "at least 1" and "enter a number".
interface IssueLike {
  path: readonly PropertyKey[]
  message: string
  code?: string
  minimum?: number | bigint
  maximum?: number | bigint
  origin?: string
  expected?: string
  input?: unknown
}

export function plainMessage(issue: IssueLike): string {
  const isNumber = issue.origin === 'number' || issue.expected === 'number'
  if (issue.code === 'invalid_type' && (isNumber || Number.isNaN(issue.input)))
    return 'enter a number'
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'use a whole number'
  if (issue.code === 'too_small' && issue.origin === 'array')
    return `choose at least ${String(issue.minimum)}`
  if (issue.code === 'too_small' && issue.origin === 'string') return 'this cannot be empty'
  if (issue.code === 'too_small') return `use ${String(issue.minimum)} or more`
  if (issue.code === 'too_big' && issue.origin === 'string') return 'this is too long'
  if (issue.code === 'too_big') return `use ${String(issue.maximum)} or less`
  if (issue.code === 'invalid_value') return 'choose one of the listed values'
  return issue.message
}

export function fieldErrors(issues: readonly IssueLike[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form'
    if (!(key in out)) out[key] = plainMessage(issue)
  }
  return out
}

/** Parses a number input; '' and garbage become NaN so the schema reports them. */
export function parseNumberInput(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text)
}
