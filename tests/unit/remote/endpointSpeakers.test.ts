// Speakers in an endpoint's reply, shape by shape, as the servers that diarize send them: each
// word comes out naming S1, S2, … in the order its speaker first speaks; a reply naming no one
// leaves the words unnamed.
import { describe, expect, it } from 'vitest'
import { parseTranscription } from '../../../src/main/engines/endpointProtocol'

const speakersOf = (body: object, chunkSeconds = 10): (string | undefined)[] =>
  parseTranscription(JSON.stringify(body), chunkSeconds).map((w) => w.speaker)

describe('speakers in an endpoint reply', () => {
  it('speaches: unnamed top-level words take the speaker of the segment they fall in', () => {
    const body = {
      text: 'hello there hi',
      words: [
        { word: ' hello', start: 0.1, end: 0.4, probability: 0.9 },
        { word: ' there', start: 0.5, end: 0.9, probability: 0.9 },
        // Between the two segments, nearer the second.
        { word: ' hi', start: 1.3, end: 1.6, probability: 0.9 }
      ],
      segments: [
        { id: 0, start: 0, end: 1, text: ' hello there', speaker: 'SPEAKER_01' },
        { id: 1, start: 1.4, end: 2, text: ' hi', speaker: 'SPEAKER_00' }
      ]
    }
    // SPEAKER_01 speaks first: it is S1, whatever the server's number.
    expect(parseTranscription(JSON.stringify(body), 5)).toEqual([
      { word: 'hello', start: 0.1, end: 0.4, probability: 0.9, speaker: 'S1' },
      { word: 'there', start: 0.5, end: 0.9, probability: 0.9, speaker: 'S1' },
      { word: 'hi', start: 1.3, end: 1.6, probability: 0.9, speaker: 'S2' }
    ])
  })

  it('LocalAI: words nested in named segments, with `text`, and no top-level words', () => {
    const body = {
      text: 'one two three',
      words: [],
      segments: [
        { id: 0, start: 0, end: 1, text: 'one two', speaker: '2', words: [
          { start: 0.1, end: 0.4, text: 'one' },
          { start: 0.5, end: 0.9, text: 'two' }
        ] },
        { id: 1, start: 1, end: 2, text: 'three', speaker: '1', words: [
          { start: 1.1, end: 1.5, text: 'three' }
        ] }
      ]
    } // prettier-ignore
    expect(speakersOf(body)).toEqual(['S1', 'S1', 'S2'])
  })

  it('LocalAI without word times: each segment text spread over it, with its speaker', () => {
    const body = {
      text: 'a b c d',
      segments: [
        { id: 0, start: 0, end: 1, text: ' a b', speaker: 'SPEAKER_00' },
        { id: 1, start: 1, end: 2, text: ' c d', speaker: 'SPEAKER_01' }
      ]
    }
    const words = parseTranscription(JSON.stringify(body), 5)
    expect(words.map((w) => [w.word, w.speaker])).toEqual([
      ['a', 'S1'],
      ['b', 'S1'],
      ['c', 'S2'],
      ['d', 'S2']
    ])
  })

  it('LocalAI on a tinydiarize model: the speaker-turn mark is not a word', () => {
    const body = {
      text: 'so that is all [SPEAKER_TURN] thanks',
      segments: [
        { id: 0, start: 0, end: 2, text: ' so that is all [SPEAKER_TURN]' },
        { id: 1, start: 2, end: 3, text: ' thanks' }
      ]
    }
    const words = parseTranscription(JSON.stringify(body), 5)
    expect(words.map((w) => w.word)).toEqual(['so', 'that', 'is', 'all', 'thanks'])
    expect(words.every((w) => w.speaker === undefined)).toBe(true)
  })

  it('older LocalAI: named segments and words in nanoseconds', () => {
    const body = {
      segments: [
        { id: 0, start: 0, end: 1e9, text: 'yes', speaker: '1', words: [
          { start: 1e8, end: 5e8, text: 'yes' }
        ] },
        { id: 1, start: 1e9, end: 2e9, text: 'no', speaker: '2', words: [
          { start: 1.1e9, end: 1.5e9, text: 'no' }
        ] }
      ]
    } // prettier-ignore
    expect(parseTranscription(JSON.stringify(body), 5)).toEqual([
      { word: 'yes', start: 0.1, end: 0.5, speaker: 'S1' },
      { word: 'no', start: 1.1, end: 1.5, speaker: 'S2' }
    ])
  })

  it('words that name their own speaker: `speaker` or `speaker_id`, a string or a number', () => {
    const words = (list: object[]): object => ({ text: 'x', words: list })
    expect(
      speakersOf(
        words([
          { word: 'a', start: 0, end: 0.2, speaker_id: 1 },
          { word: 'b', start: 0.3, end: 0.5, speaker_id: 0 },
          { word: 'c', start: 0.6, end: 0.8, speaker_id: 1 }
        ])
      )
    ).toEqual(['S1', 'S2', 'S1'])
    expect(
      speakersOf(
        words([
          { word: 'a', start: 0, end: 0.2, speaker: 'B' },
          { word: 'b', start: 0.3, end: 0.5, speaker: 'A' }
        ])
      )
    ).toEqual(['S1', 'S2'])
  })

  it('a word or segment naming no one (empty, or not a name) takes the nearest named word', () => {
    const body = {
      text: 'a b c d e',
      words: [
        { word: 'a', start: 0, end: 0.2, speaker: 'X' },
        { word: 'b', start: 0.3, end: 0.5, speaker: '' },
        { word: 'c', start: 0.6, end: 0.8, speaker: { id: 3 } },
        { word: 'd', start: 0.9, end: 1.0, speaker: true },
        { word: 'e', start: 1.1, end: 1.2, speaker: 'Y' }
      ]
    }
    // b is nearer a, d nearer e, and c (as near both) takes the earlier one.
    expect(speakersOf(body)).toEqual(['S1', 'S1', 'S1', 'S2', 'S2'])
  })

  it('a reply naming no speaker leaves every word unnamed', () => {
    const body = {
      text: 'hello there',
      words: [
        { word: 'hello', start: 0, end: 0.4 },
        { word: 'there', start: 0.5, end: 0.9 }
      ],
      segments: [{ id: 0, start: 0, end: 1, text: 'hello there', speaker: '' }]
    }
    expect(speakersOf(body)).toEqual([undefined, undefined])
    expect(Object.keys(parseTranscription(JSON.stringify(body), 5)[0])).not.toContain('speaker')
  })
})
