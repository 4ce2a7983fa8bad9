// What a user does with a transcript's speakers (rename, merge, move one segment) and what the job
// page shows of them (talk time, turns). Pure: the job page saves the result like a text edit
// (through transcripts.save), and voice matching names a finished job's speakers with it.
import type { Segment, Speaker, SpeakerId, Transcript } from '@shared/transcript'

/** The transcript's speakers by id (an id a segment names but the list lacks keeps its id). */
export function speakerNames(t: Pick<Transcript, 'speakers'>): Map<SpeakerId, string> {
  return new Map((t.speakers ?? []).map((s) => [s.id, s.name]))
}

/** Every speaker in `names` takes that name; others stay. */
export function renameSpeakers(t: Transcript, names: ReadonlyMap<SpeakerId, string>): Transcript {
  if (!t.speakers) return t
  return {
    ...t,
    speakers: t.speakers.map((s) => ({ ...s, name: names.get(s.id) ?? s.name }))
  }
}

export function renameSpeaker(t: Transcript, id: SpeakerId, name: string): Transcript {
  return renameSpeakers(t, new Map([[id, name.trim()]]))
}

const withSpeaker = (segment: Segment, id: SpeakerId): Segment => ({
  ...segment,
  speaker: id,
  words: segment.words.map((w) => ({ ...w, speaker: id }))
})

/** `from`'s segments and words become `into`'s; `from` leaves the list. */
export function mergeSpeakers(t: Transcript, from: SpeakerId, into: SpeakerId): Transcript {
  if (from === into || !t.speakers) return t
  return {
    ...t,
    speakers: t.speakers.filter((s) => s.id !== from),
    // A segment `from` is not in stays the same object: a save sends only what changed.
    segments: t.segments.map((seg) =>
      seg.speaker !== from && !seg.words.some((w) => w.speaker === from)
        ? seg
        : {
            ...seg,
            ...(seg.speaker === from && { speaker: into }),
            words: seg.words.map((w) => (w.speaker === from ? { ...w, speaker: into } : w))
          }
    )
  }
}

/** One segment (and its words) said by `id`. */
export function setSegmentSpeaker(t: Transcript, index: number, id: SpeakerId): Transcript {
  const segments = t.segments.map((seg, i) => (i === index ? withSpeaker(seg, id) : seg))
  return { ...t, segments }
}

export interface TalkTime {
  speaker: Speaker
  seconds: number
  segments: number
}

/** Seconds each listed speaker talks (sum of their segments), in the order of the list. */
export function talkTimes(t: Transcript): TalkTime[] {
  const totals = new Map<string, { seconds: number; segments: number }>()
  for (const seg of t.segments) {
    if (seg.speaker === undefined) continue
    const total = totals.get(seg.speaker) ?? { seconds: 0, segments: 0 }
    total.seconds += Math.max(0, seg.end - seg.start)
    total.segments += 1
    totals.set(seg.speaker, total)
  }
  return (t.speakers ?? []).map((speaker) => ({
    speaker,
    ...(totals.get(speaker.id) ?? { seconds: 0, segments: 0 })
  }))
}

/** A run of consecutive segments by one speaker (a turn), as the exports write it. */
export interface Turn {
  /** The speaker's name; undefined when the segments name no speaker. */
  name: string | undefined
  segments: Segment[]
}

export function speakerTurns(t: Transcript): Turn[] {
  const names = speakerNames(t)
  const turns: Turn[] = []
  let last: string | undefined
  for (const seg of t.segments) {
    const current = turns.at(-1)
    if (current && seg.speaker === last) current.segments.push(seg)
    else
      turns.push({ name: seg.speaker && (names.get(seg.speaker) ?? seg.speaker), segments: [seg] })
    last = seg.speaker
  }
  return turns
}

/** Whether the transcript names speakers at all (exports without them stay as they were). */
export function hasSpeakers(t: Transcript): boolean {
  return (t.speakers?.length ?? 0) > 0
}
