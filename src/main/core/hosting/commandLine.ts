// Flags shared by the Electron app and the browser host: `--data-dir DIR` and `--port N`,
// in both `--flag value` and `--flag=value` forms.
export function readFlag(argv: readonly string[], name: string): string | undefined {
  const long = `--${name}`
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === long) return argv[i + 1]
    if (arg.startsWith(long + '=')) return arg.slice(long.length + 1)
  }
  return undefined
}

/** Port 0 means "pick a free one"; anything else must be a valid TCP port. */
export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be an integer between 0 and 65535, got "${value}"`)
  }
  return port
}
