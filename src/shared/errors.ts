// One readable line from anything thrown: what the CLI prints, the IPC reply carries and a failed
// job records. The first line is the reason; what follows (stderr dumps, stacks) is for the log.

export function oneLineError(error: unknown, maxChars = 500): string {
  const text = error instanceof Error ? error.message : String(error)
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0)
  return line ? line.slice(0, maxChars) : 'unknown error'
}
