// Diarization error rate: (missed speech + false alarm + speaker confusion) / reference speech,
// on a 10 ms grid, after mapping each found speaker to the reference speaker it overlaps most
// (one to one, best total overlap first). Used by the speaker tests and the bench.

export interface SpeakerTurn {
  speaker: string
  start: number
  end: number
}

const STEP = 0.01

function grid(turns: SpeakerTurn[], frames: number): Set<string>[] {
  const cells = Array.from({ length: frames }, () => new Set<string>())
  for (const t of turns) {
    for (let i = Math.round(t.start / STEP); i < Math.round(t.end / STEP) && i < frames; i++)
      cells[i].add(t.speaker)
  }
  return cells
}

/** Found speaker → reference speaker, greedily by overlap (enough for a handful of speakers). */
function mapping(ref: Set<string>[], hyp: Set<string>[]): Map<string, string> {
  const overlap = new Map<string, number>()
  ref.forEach((r, i) => {
    for (const h of hyp[i])
      for (const s of r) overlap.set(`${h}\n${s}`, (overlap.get(`${h}\n${s}`) ?? 0) + 1)
  })
  const pairs = [...overlap].sort((a, b) => b[1] - a[1])
  const map = new Map<string, string>()
  const taken = new Set<string>()
  for (const [key] of pairs) {
    const [h, s] = key.split('\n')
    if (map.has(h) || taken.has(s)) continue
    map.set(h, s)
    taken.add(s)
  }
  return map
}

export function diarizationErrorRate(reference: SpeakerTurn[], found: SpeakerTurn[]): number {
  const end = Math.max(0, ...reference.map((t) => t.end), ...found.map((t) => t.end))
  const frames = Math.ceil(end / STEP) + 1
  const ref = grid(reference, frames)
  const hyp = grid(found, frames)
  const map = mapping(ref, hyp)
  let speech = 0
  let errors = 0
  for (let i = 0; i < frames; i++) {
    const r = ref[i]
    const h = new Set([...hyp[i]].map((s) => map.get(s) ?? `unmapped ${s}`))
    speech += r.size
    const correct = [...r].filter((s) => h.has(s)).length
    errors += Math.max(r.size, h.size) - correct
  }
  return speech === 0 ? (errors === 0 ? 0 : 1) : errors / speech
}

/**
 * The error rate of the speakers a transcript gives its words: the reference is cut to the
 * stretches the words cover, so speech the transcription engine did not hear (not the
 * diarizer's doing) is not counted; a word in a pause still counts as a false alarm.
 */
export function wordDiarizationErrorRate(reference: SpeakerTurn[], words: SpeakerTurn[]): number {
  const clipped: SpeakerTurn[] = []
  for (const w of words)
    for (const t of reference) {
      const start = Math.max(t.start, w.start)
      const end = Math.min(t.end, w.end)
      if (end > start) clipped.push({ speaker: t.speaker, start, end })
    }
  return diarizationErrorRate(clipped, words)
}
