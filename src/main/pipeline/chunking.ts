// How a recording is cut: chunks of `chunkSeconds` that overlap by `overlapSeconds`, and which
// part of the timeline each chunk owns. Ownership is what makes the merge exact: chunk i owns
// [start + overlap/2, end - overlap/2) (the first from 0, the last to the end), so the owned
// ranges tile the timeline with no gap and no double cover, and every word belongs to exactly
// one chunk (the one that owns its midpoint) — the one that heard it with a second of context.

export interface ChunkPlan {
  index: number
  /** Absolute times in seconds. */
  start: number
  end: number
  /** Owned range [ownStart, ownEnd) in absolute seconds. */
  ownStart: number
  ownEnd: number
}

export function planChunks(
  durationSeconds: number,
  chunkSeconds: number,
  overlapSeconds: number
): ChunkPlan[] {
  const duration = Math.max(0, durationSeconds)
  const overlap = Math.max(0, Math.min(overlapSeconds, chunkSeconds / 2 - 1e-6))
  if (duration <= chunkSeconds || chunkSeconds <= 0) {
    return [{ index: 0, start: 0, end: duration, ownStart: -Infinity, ownEnd: Infinity }]
  }
  const step = chunkSeconds - overlap
  const count = Math.ceil((duration - chunkSeconds) / step - 1e-9) + 1
  const chunks: ChunkPlan[] = []
  for (let index = 0; index < count; index++) {
    const start = index * step
    const end = index === count - 1 ? duration : Math.min(start + chunkSeconds, duration)
    chunks.push({
      index,
      start,
      end,
      ownStart: index === 0 ? -Infinity : start + overlap / 2,
      ownEnd: index === count - 1 ? Infinity : start + chunkSeconds - overlap / 2
    })
  }
  return chunks
}
