// A stretch without speech as a reader of a plain transcript sees it: "[no speech 0:42–1:17]"
// (or "[music …]") on a line of its own, where it falls among the lines. Subtitles get nothing:
// a cue that says "no speech" over silence would be invented text.
import { clockText } from '@shared/clockText'
import type { Gap } from '@shared/transcript'

export function gapMarker(gap: Gap): string {
  const what = gap.kind === 'music' ? 'music' : 'no speech'
  return `[${what} ${clockText(gap.start)}–${clockText(gap.end)}]`
}

/** `lines` (each with its start, in order) with a marker line before the first line after each gap. */
export function withGapMarkers(
  lines: readonly { start: number; text: string }[],
  gaps: readonly Gap[] | undefined
): string[] {
  if (!gaps?.length) return lines.map((l) => l.text)
  const out: string[] = []
  let g = 0
  for (const line of lines) {
    while (g < gaps.length && gaps[g].start <= line.start) out.push(gapMarker(gaps[g++]))
    out.push(line.text)
  }
  while (g < gaps.length) out.push(gapMarker(gaps[g++]))
  return out
}
