// The diarizer's turns on the transcript: a word takes the speaker it overlaps most (the nearest
// one's in a pause), ids follow first appearance whatever the diarizer's numbers, segments split
// where the speaker changes, the json output names speakers, and the speakers event carries the
// centroid of each transcript speaker only.
import { describe, expect, it } from 'vitest'
import {
  keepNamedSpeakers,
  labelWords,
  speakersEvent,
  splitAtSpeakers
} from '../../../src/main/pipeline/speakerLabels'
import { groupSegments } from '../../../src/main/pipeline/segments'
import { toJson } from '@shared/transcriptFormats'

const w = (word: string, start: number, end: number) => ({ word, start, end })
const turns = [
  { start: 0, end: 2, speaker: 7 },
  { start: 1.9, end: 4, speaker: 3 },
  { start: 6, end: 8, speaker: 9 }
]

describe('speaker labels', () => {
  it('gives each word the speaker it overlaps most, S1… by first appearance', () => {
    const words = [w('a', 0.1, 0.5), w('b', 1.8, 2.3), w('c', 4.5, 4.8), w('d', 7, 7.5)]
    const labelled = labelWords(words, turns)
    expect(labelled.words.map((x) => x.speaker)).toEqual(['S1', 'S2', 'S2', 'S3'])
    expect(labelled.speakers).toEqual([
      { id: 'S1', name: 'Speaker 1' },
      { id: 'S2', name: 'Speaker 2' },
      { id: 'S3', name: 'Speaker 3' }
    ])
    expect(labelled.numbers.get('S2')).toBe(3)
  })

  it('splits a segment where the speaker changes, and json names every speaker', () => {
    const words = [w('hello', 0.1, 0.5), w('there', 0.6, 1), w('yes', 2.1, 2.5)]
    const labelled = labelWords(words, turns)
    const segments = splitAtSpeakers(groupSegments(labelled.words))
    expect(segments.map((s) => [s.text, s.speaker])).toEqual([
      ['hello there', 'S1'],
      ['yes', 'S2']
    ])
    const json = JSON.parse(
      toJson({ durationSeconds: 3, segments, speakers: labelled.speakers })
    ) as { speakers: unknown[]; segments: { speaker: string; words: { speaker: string }[] }[] }
    expect(json.speakers).toEqual(labelled.speakers)
    expect(json.segments[1]).toMatchObject({ speaker: 'S2', words: [{ speaker: 'S2' }] })
  })

  it('leaves words alone without turns; the event keeps transcript speakers only', () => {
    expect(labelWords([w('a', 0, 1)], [])).toMatchObject({ speakers: [], words: [w('a', 0, 1)] })
    const labelled = labelWords([w('a', 0.1, 0.5)], turns)
    const event = speakersEvent(
      {
        embeddingModel: 'm',
        result: {
          type: 'result',
          turns,
          speakers: [
            { speaker: 7, seconds: 2, embedding: [1, 0] },
            { speaker: 3, seconds: 2.1, embedding: [0, 1] }
          ]
        }
      },
      labelled
    )
    expect(event).toEqual({
      type: 'speakers',
      model: 'm',
      speakers: [{ id: 'S1', seconds: 2, embedding: [1, 0] }]
    })
  })

  it('keeps the speakers an endpoint named, S1… again by first appearance in the transcript', () => {
    // A passage that starts after the endpoint's S1 spoke: S2 is the first heard, so Speaker 1.
    const named = [
      { ...w('a', 5, 5.2), speaker: 'S2' },
      { ...w('b', 5.3, 5.5), speaker: 'S3' },
      { ...w('c', 5.6, 5.8), speaker: 'S2' }
    ]
    const kept = keepNamedSpeakers(named)
    expect(kept.words.map((x) => x.speaker)).toEqual(['S1', 'S2', 'S1'])
    expect(kept.speakers).toEqual([
      { id: 'S1', name: 'Speaker 1' },
      { id: 'S2', name: 'Speaker 2' }
    ])
  })
})
