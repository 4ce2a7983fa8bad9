// A byte count as people read it, the same in the CLI, the app and every error line: binary
// units, one decimal below 10 of a unit and none above ("8.0 MiB", "64 MiB", "1.5 GiB").

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '? B'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  if (unit === 0) return `${Math.round(value)} B`
  // 9.96 rounds to "10.0": past the one-decimal range, so it is shown whole.
  const text = value.toFixed(1)
  return `${Number(text) < 10 ? text : Math.round(value).toString()} ${UNITS[unit]}`
}
