// An SVG path for a small line chart. The newest `maxPoints` values span the full width; the
// y axis runs from 0 to max(values, floor) so an idle process draws a flat line near the bottom
// instead of noise stretched to full height.
export function sparklinePath(
  values: readonly number[],
  width: number,
  height: number,
  options: { maxPoints?: number; floor?: number } = {}
): string {
  const maxPoints = options.maxPoints ?? 120
  const shown = values.slice(-maxPoints).map((v) => (Number.isFinite(v) && v > 0 ? v : 0))
  if (shown.length === 0) return ''
  const top = Math.max(options.floor ?? 1, ...shown)
  const step = shown.length > 1 ? width / (shown.length - 1) : 0
  const round = (n: number): number => Math.round(n * 10) / 10
  return shown
    .map((v, i) => {
      const x = round(shown.length > 1 ? i * step : width)
      const y = round(height - (v / top) * height)
      return `${i === 0 ? 'M' : 'L'}${x},${y}`
    })
    .join(' ')
}
