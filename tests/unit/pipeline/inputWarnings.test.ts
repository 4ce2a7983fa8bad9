import { describe, expect, it } from 'vitest'
import { wavHeader } from '../../../src/main/media/decode'
import { wavDeclaredSeconds } from '../../../src/main/media/declaredDuration'
import { transcriptWarnings } from '../../../src/main/pipeline/inputWarnings'

const word = (start: number): { word: string; start: number; end: number } => ({
  word: 'word',
  start,
  end: start + 0.4
})

describe('transcriptWarnings', () => {
  it('says nothing about an ordinary transcript', () => {
    expect(
      transcriptWarnings({ probedSeconds: 24.7, decodedSeconds: 24.7, words: [word(1), word(20)] })
    ).toEqual([])
  })

  it('no words: no speech found', () => {
    expect(transcriptWarnings({ probedSeconds: 4, decodedSeconds: 4, words: [] })).toEqual([
      'no speech found'
    ])
  })

  it('far less audio than the header claims: truncated', () => {
    expect(transcriptWarnings({ probedSeconds: 24.7, decodedSeconds: 0.1, words: [] })).toEqual([
      'decoded 0.1 s of 24.7 s: file truncated?',
      'no speech found'
    ])
  })

  it('a decoder rounding difference is not truncation', () => {
    expect(
      transcriptWarnings({ probedSeconds: 24.72, decodedSeconds: 24.7, words: [word(1), word(23)] })
    ).toEqual([])
  })

  it('music: the words found are not speech, said instead of any other "no speech" warning', () => {
    const words = [word(5), word(100), word(700)]
    expect(
      transcriptWarnings({ probedSeconds: 790, decodedSeconds: 790, words, music: true })
    ).toEqual(['no speech found: music?'])
    expect(
      transcriptWarnings({ probedSeconds: 60, decodedSeconds: 60, words: [], music: true })
    ).toEqual(['no speech found: music?'])
  })

  it('names long stretches without speech', () => {
    const words = [word(5), word(100), word(700), word(710)]
    expect(transcriptWarnings({ probedSeconds: 790, decodedSeconds: 790, words })).toEqual([
      'no speech found in 0:05–1:40, 1:40–11:40, 11:50–13:10'
    ])
  })
})

describe('wavDeclaredSeconds', () => {
  it('reads the length a WAV header claims, even when the data is cut short', () => {
    const header = wavHeader(32000 * 3) // 3 s of 16 kHz mono s16
    expect(wavDeclaredSeconds(Buffer.concat([header, Buffer.alloc(3200)]))).toBe(3)
  })

  it('claims nothing for a streaming header or another format', () => {
    const streaming = wavHeader(0)
    expect(wavDeclaredSeconds(streaming)).toBeNull()
    expect(wavDeclaredSeconds(Buffer.from('ID3\u0003 not a wav file at all'))).toBeNull()
  })
})
