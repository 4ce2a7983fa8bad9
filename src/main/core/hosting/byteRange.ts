// HTTP Range for media: an <audio>/<video> element seeks by asking for byte ranges, so both hosts
// answer `Range: bytes=…` with 206 and the slice (one range; multi-range is not needed by players).

export type RangeAnswer =
  { kind: 'whole' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' }

/** `bytes=0-`, `bytes=100-199`, `bytes=-500` (the last 500) against a file of `size` bytes. */
export function parseRange(header: string | undefined | null, size: number): RangeAnswer {
  if (!header) return { kind: 'whole' }
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' }
  let start: number
  let end: number
  if (match[1] === '') {
    const suffix = Number(match[2])
    if (suffix === 0) return { kind: 'unsatisfiable' }
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(match[1])
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  }
  if (start >= size || start > end) return { kind: 'unsatisfiable' }
  return { kind: 'partial', start, end }
}
