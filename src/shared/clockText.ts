// A length of time as a clock reads it: "m:ss", or "h:mm:ss" from an hour. Whole seconds, rounded
// down, so a position or an elapsed time never shows a second that has not passed yet. Subtitle
// timestamps (hh:mm:ss,mmm) are a player format and live with the exports (transcriptFormats).

export function clockText(seconds: number): string {
  const t = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0
  const two = (n: number): string => String(n).padStart(2, '0')
  const h = Math.floor(t / 3600)
  const m = Math.floor((t % 3600) / 60)
  return h > 0 ? `${h}:${two(m)}:${two(t % 60)}` : `${m}:${two(t % 60)}`
}
