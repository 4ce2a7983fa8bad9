// The transcript's shape carries speakers, confidences, doubtful passages and no-speech gaps;
// a save that names a speaker nobody listed is refused with the reason.
import { describe, expect, it } from 'vitest'
import { TranscriptSchema, type Transcript } from '@shared/transcript'

const word = (w: string, start: number, speaker?: string) => ({
  word: w,
  start,
  end: start + 0.4,
  probability: 0.9,
  ...(speaker ? { speaker } : {})
})

const twoVoices: Transcript = {
  durationSeconds: 10,
  speakers: [
    { id: 'S1', name: 'Speaker 1' },
    { id: 'S2', name: 'Ada' }
  ],
  gaps: [{ start: 2, end: 5, kind: 'no-speech' }],
  segments: [
    { start: 0, end: 1, text: 'hello there', speaker: 'S1', words: [word('hello', 0, 'S1')] },
    {
      start: 5,
      end: 6,
      text: 'hi',
      speaker: 'S2',
      doubtful: 'repeats itself',
      words: [word('hi', 5, 'S2')]
    }
  ]
}

const firstMessage = (value: unknown): string | undefined =>
  TranscriptSchema.safeParse(value).error?.issues[0]?.message

describe('the transcript shape', () => {
  it('keeps speakers, confidences, doubtful passages and gaps', () => {
    expect(TranscriptSchema.parse(twoVoices)).toEqual(twoVoices)
  })

  it('refuses a segment whose speaker is not listed, naming it', () => {
    const unlisted = { ...twoVoices, speakers: [{ id: 'S1', name: 'Speaker 1' }] }
    expect(firstMessage(unlisted)).toBe('speaker S2 is not in speakers')
  })

  it('refuses a speaker listed twice, a blank name and a confidence above 1', () => {
    const twice = { ...twoVoices, speakers: [...twoVoices.speakers!, { id: 'S1', name: 'x' }] }
    expect(firstMessage(twice)).toBe('speaker S1 is listed twice')
    const blank = { ...twoVoices, speakers: [{ id: 'S1', name: '  ' }, twoVoices.speakers![1]] }
    expect(firstMessage(blank)).toBe('a speaker needs a name')
    const sure = structuredClone(twoVoices)
    sure.segments[0].words[0].probability = 1.5
    expect(TranscriptSchema.safeParse(sure).success).toBe(false)
  })

  it('still reads a transcript from before speakers existed', () => {
    const plain = { durationSeconds: 1, segments: [{ start: 0, end: 1, text: 'a', words: [] }] }
    expect(TranscriptSchema.parse(plain)).toEqual(plain)
  })
})
