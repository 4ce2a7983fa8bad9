// The diarizer's turns on the transcript: each word takes the speaker whose turns overlap it
// most (the nearest turn's when none does, so every word has one), speakers are named S1, S2, …
// in order of first appearance, and a segment is split where the speaker changes.
import type { Segment, Speaker, TimedWord } from '@shared/transcript'
import type { PipelineEvent } from '@shared/pipelineProtocol'
import type { SpeakerTurn } from '../engines/speakers/protocol'
import type { FoundSpeakers } from './speakerStep'

export interface LabelledWords {
  words: TimedWord[]
  speakers: Speaker[]
  /** The diarizer's speaker number behind each id. */
  numbers: Map<string, number>
}

function speakerOf(word: TimedWord, turns: SpeakerTurn[]): number {
  const overlap = new Map<number, number>()
  let nearest = { speaker: turns[0].speaker, distance: Infinity }
  for (const t of turns) {
    const shared = Math.min(word.end, t.end) - Math.max(word.start, t.start)
    if (shared > 0 || (shared === 0 && word.start === word.end && t.start <= word.start))
      overlap.set(t.speaker, (overlap.get(t.speaker) ?? 0) + Math.max(shared, 1e-9))
    const distance = Math.max(t.start - word.end, word.start - t.end, 0)
    if (distance < nearest.distance) nearest = { speaker: t.speaker, distance }
  }
  let best = nearest.speaker
  let most = 0
  for (const [speaker, seconds] of overlap) {
    if (seconds > most) [best, most] = [speaker, seconds]
  }
  return best
}

export function labelWords(words: TimedWord[], turns: SpeakerTurn[]): LabelledWords {
  if (turns.length === 0) return { words, speakers: [], numbers: new Map() }
  const ids = new Map<number, string>()
  const labelled = words.map((w) => {
    const n = speakerOf(w, turns)
    if (!ids.has(n)) ids.set(n, `S${ids.size + 1}`)
    return { ...w, speaker: ids.get(n) }
  })
  const speakers = [...ids.values()].map((id, i) => ({ id, name: `Speaker ${i + 1}` }))
  return { words: labelled, speakers, numbers: new Map([...ids].map(([n, id]) => [id, n])) }
}

/**
 * Words whose speakers the endpoint named (src/main/engines/endpointSpeakers.ts), named again S1,
 * S2, … in order of first appearance in the transcript (a passage may start after the first).
 */
export function keepNamedSpeakers(words: TimedWord[]): LabelledWords {
  const ids = new Map<string, string>()
  const labelled = words.map((w) => {
    if (!w.speaker) return w
    if (!ids.has(w.speaker)) ids.set(w.speaker, `S${ids.size + 1}`)
    return { ...w, speaker: ids.get(w.speaker) }
  })
  const speakers = [...ids.values()].map((id, i) => ({ id, name: `Speaker ${i + 1}` }))
  return { words: labelled, speakers, numbers: new Map() }
}

/** Segments cut where the speaker changes, each naming its speaker. */
export function splitAtSpeakers(segments: Segment[]): Segment[] {
  const out: Segment[] = []
  for (const segment of segments) {
    let run: TimedWord[] = []
    const flush = (): void => {
      if (run.length === 0) return
      out.push({
        ...segment,
        start: run[0].start,
        end: run[run.length - 1].end,
        text: run.map((w) => w.word).join(' '),
        words: run,
        speaker: run[0].speaker
      })
      run = []
    }
    for (const word of segment.words) {
      if (run.length > 0 && word.speaker !== run[0].speaker) flush()
      run.push(word)
    }
    flush()
  }
  return out
}

/** The `speakers` event (CONTRACTS.md §6): each transcript speaker's talk time and centroid. */
export function speakersEvent(
  found: FoundSpeakers,
  labelled: LabelledWords
): Extract<PipelineEvent, { type: 'speakers' }> {
  const byNumber = new Map(found.result.speakers.map((s) => [s.speaker, s]))
  const speakers = labelled.speakers.flatMap(({ id }) => {
    const heard = byNumber.get(labelled.numbers.get(id) ?? -1)
    return heard?.embedding.length
      ? [{ id, seconds: heard.seconds, embedding: heard.embedding }]
      : []
  })
  return { type: 'speakers', model: found.embeddingModel, speakers }
}
