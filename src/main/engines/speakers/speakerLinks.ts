// Speakers across windows: a long file is diarized a window at a time, so each window numbers
// its own voices; a window's voice joins the file's speaker whose centroid embedding is closest
// (cosine similarity ≥ linkSimilarity, sherpa's SpeakerEmbeddingManager searching), or becomes a
// new one. Centroids are talk-time weighted means, kept at unit length.
import type { SpeakerEmbeddingManager } from './sherpaBinding'

interface Centroid {
  sum: Float64Array
  seconds: number
}

export function unit(v: ArrayLike<number>): Float32Array {
  let norm = 0
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i]
  const out = new Float32Array(v.length)
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
  for (let i = 0; i < v.length; i++) out[i] = v[i] * scale
  return out
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i]
  return dot
}

/**
 * The cosine similarity at which a window's voice joins a speaker. A centroid averages many
 * segments, so two voices' centroids sit closer together than their single segments do (two
 * espeak-ng voices: 0.54 with the test models, which sherpa's own clustering at 0.5 keeps
 * apart); joining therefore asks for more than sherpa's 1 − threshold.
 */
export function linkSimilarity(threshold: number): number {
  return 1 - threshold / 2
}

export class SpeakerLinks {
  private readonly centroids: Centroid[] = []

  constructor(
    private readonly manager: SpeakerEmbeddingManager,
    private readonly threshold: number
  ) {}

  get count(): number {
    return this.centroids.length
  }

  /** The file's speaker number for a window's voice heard for `seconds` with `embedding`. */
  link(embedding: Float32Array | null, seconds: number, allowJoin: boolean): number {
    const v = embedding ? unit(embedding) : null
    const found =
      v && allowJoin ? this.manager.search({ v, threshold: linkSimilarity(this.threshold) }) : ''
    const index = found ? Number(found) : this.centroids.length
    if (index === this.centroids.length)
      this.centroids.push({ sum: new Float64Array(v?.length ?? 0), seconds: 0 })
    const c = this.centroids[index]
    if (v && c.sum.length === v.length) {
      for (let i = 0; i < v.length; i++) c.sum[i] += v[i] * Math.max(seconds, 0.01)
      c.seconds += seconds
      this.manager.remove(String(index))
      this.manager.add({ name: String(index), v: this.centroid(index) })
    }
    return index
  }

  centroid(index: number): Float32Array {
    return unit(this.centroids[index].sum)
  }

  /**
   * Joins the two closest speakers until at most `count` are left (a fixed number of speakers
   * asked for a file diarized in windows); returns each speaker's final number.
   */
  mergeDownTo(count: number): number[] {
    const owner = this.centroids.map((_, i) => i)
    const alive = new Set(owner)
    while (alive.size > count) {
      let best: [number, number, number] = [-2, -1, -1]
      for (const a of alive)
        for (const b of alive)
          if (a < b) {
            const s = cosine(this.centroid(a), this.centroid(b))
            if (s > best[0]) best = [s, a, b]
          }
      const [, a, b] = best
      const from = this.centroids[b]
      const into = this.centroids[a]
      for (let i = 0; i < into.sum.length; i++) into.sum[i] += from.sum[i]
      into.seconds += from.seconds
      alive.delete(b)
      for (let i = 0; i < owner.length; i++) if (owner[i] === b) owner[i] = a
    }
    return owner
  }
}
