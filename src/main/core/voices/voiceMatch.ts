// Which of a finished job's speakers are voices the user saved: cosine similarity of centroid
// embeddings, only between embeddings of the same model (another model's vectors mean nothing
// here). Each voice names at most one speaker and each speaker takes at most one voice, best
// pairs first, so two speakers never come out with the same name.
import type { StoredSpeakerEmbedding } from './jobSpeakerEmbeddings'
import type { VoicePrint } from './voiceRepository'

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) return 0
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i]
    na += a[i] * a[i]
    nb += b[i] * b[i]
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
}

/** speaker id → the name of the voice it matched (cosine ≥ threshold). */
export function matchVoices(
  heard: readonly StoredSpeakerEmbedding[],
  voices: readonly VoicePrint[],
  threshold: number
): Map<string, string> {
  const pairs: { speaker: string; voice: string; score: number }[] = []
  for (const h of heard)
    for (const v of voices) {
      if (v.model !== h.model) continue
      const score = cosine(h.embedding, v.embedding)
      if (score >= threshold) pairs.push({ speaker: h.speakerId, voice: v.name, score })
    }
  pairs.sort((x, y) => y.score - x.score)
  const names = new Map<string, string>()
  const taken = new Set<string>()
  for (const p of pairs) {
    if (names.has(p.speaker) || taken.has(p.voice.toLowerCase())) continue
    names.set(p.speaker, p.voice)
    taken.add(p.voice.toLowerCase())
  }
  return names
}
