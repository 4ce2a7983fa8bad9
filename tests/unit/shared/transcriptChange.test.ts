// A save sends the change from the version it was made on: a one-word edit of an 11-hour
// transcript is one segment on the wire, and the host rebuilds exactly the edited version from it.
import { describe, expect, it } from 'vitest'
import type { Transcript } from '@shared/transcript'
import { applyChange, changeBetween } from '@shared/transcriptChange'
import { mergeSpeakers, renameSpeaker, setSegmentSpeaker } from '@shared/speakerEdits'
import { timedTranscript } from '../../support/timedTranscript'

const long = timedTranscript(10_000)

function withText(t: Transcript, index: number, text: string): Transcript {
  return { ...t, segments: t.segments.map((s, i) => (i === index ? { ...s, text } : s)) }
}

/** Speakers taking turns every 100 segments, the last 10 segments said by a third. */
function withSpeakers(t: Transcript): Transcript {
  const who = (i: number): string =>
    i >= t.segments.length - 10 ? 'S3' : `S${1 + ((i / 100) & 1)}`
  return {
    ...t,
    speakers: ['S1', 'S2', 'S3'].map((id) => ({ id, name: `Speaker ${id.slice(1)}` })),
    segments: t.segments.map((s, i) => ({
      ...s,
      speaker: who(i),
      words: s.words.map((w) => ({ ...w, speaker: who(i) }))
    }))
  }
}

describe('the change a save sends', () => {
  it('a one-word edit of 10,000 segments is that one segment, a few hundred bytes', () => {
    const edited = withText(long, 5_000, 'the meeting budget river garden we went to the market')
    const change = changeBetween(long, edited)
    expect(change).toEqual({ from: 5_000, deleteCount: 1, segments: [edited.segments[5_000]] })
    expect(JSON.stringify(change).length).toBeLessThan(2_000)
    expect(JSON.stringify(long).length).toBeGreaterThan(8 * 1024 * 1024)
    expect(applyChange(long, change)).toEqual(edited)
  })

  it('segments removed, inserted, or a whole new version: applied, it is the edited version', () => {
    const t = long.segments
    const edits: Transcript[] = [
      { ...long, segments: [...t.slice(0, 10), ...t.slice(12)] },
      { ...long, segments: [...t.slice(0, 3), { ...t[3], text: 'one more' }, ...t.slice(3)] },
      { ...long, segments: t.slice(1) },
      { ...long, segments: [] },
      withText(withText(long, 0, 'first'), 9_999, 'last')
    ]
    for (const edited of edits)
      expect(applyChange(long, changeBetween(long, edited))).toEqual(edited)
    expect(changeBetween(long, edits[4])).toMatchObject({ from: 0, deleteCount: 10_000 })
    expect(changeBetween(long, long)).toEqual({ from: 10_000, deleteCount: 0, segments: [] })
  })

  it('speaker edits send the speakers, and only the segments they touch', () => {
    const t = withSpeakers(long)
    const renamed = renameSpeaker(t, 'S1', 'Ada')
    expect(changeBetween(t, renamed)).toEqual({
      from: 10_000,
      deleteCount: 0,
      segments: [],
      speakers: renamed.speakers
    })
    expect(changeBetween(t, setSegmentSpeaker(t, 42, 'S3'))).toMatchObject({
      from: 42,
      deleteCount: 1
    })
    // The third speaker says the last 10 segments: merging them away sends those 10.
    const merged = mergeSpeakers(t, 'S3', 'S1')
    const change = changeBetween(t, merged)
    expect(change).toMatchObject({ from: 9_990, deleteCount: 10 })
    expect(change.segments.every((s) => s.speaker === 'S1')).toBe(true)
    expect(applyChange(t, change)).toEqual(merged)
  })

  it('a change that does not fit the version it is applied to is refused with one line', () => {
    const short = timedTranscript(3)
    expect(() => applyChange(short, { from: 2, deleteCount: 2, segments: [] })).toThrow(
      /^the change replaces segments 2–4 of 3: reload$/
    )
  })
})
