import { describe, expect, it } from 'vitest'
import { engineSeconds, planSpeechCuts } from '../../../src/main/pipeline/speechPlan'
import { FrameReader, detectFrame } from '../../../src/main/engines/vadWorker/protocol'
import { resolveVadModel } from '../../../src/main/pipeline/vadModelPath'
import { toSrt, toTxt } from '@shared/transcriptFormats'
import type { Transcript } from '@shared/transcript'

const options = { chunkSeconds: 10, overlapSeconds: 1, searchSeconds: 5, searchAfterSeconds: 5 }

describe('the chunk plan over the speech a detector found', () => {
  it('sends only the speech (padded) to the engine; the rest are gaps', () => {
    const speech = [
      { start: 12, end: 19 },
      { start: 40, end: 42 },
      { start: 42.5, end: 45 }
    ]
    const plan = planSpeechCuts(70, speech, options, null)
    expect(plan.gaps.map((g) => [g.start, g.end])).toEqual([
      [0, 11.7],
      [19.3, 39.7],
      [45.3, 70]
    ])
    expect(engineSeconds(plan.chunks)).toBeCloseTo(7.6 + 5.6, 5)
    // Owned ranges still tile the timeline (merge.ts keeps each word once).
    expect(plan.chunks[0].ownStart).toBe(-Infinity)
    expect(plan.chunks.at(-1)?.ownEnd).toBe(Infinity)
    expect(plan.chunks[1].ownStart).toBe(plan.chunks[0].ownEnd)
  })

  it('a long island is cut at the detector’s pauses', () => {
    const speech = [
      { start: 0, end: 7 },
      { start: 8, end: 16 },
      { start: 17, end: 20 }
    ]
    const plan = planSpeechCuts(20, speech, options, null)
    expect(plan.gaps).toEqual([])
    // Every seam in the middle of a pause, none in speech.
    expect(plan.chunks.slice(0, -1).map((c) => c.ownEnd)).toEqual([7.5, 16.5])
  })

  it('no speech at all: no chunk, the whole file one gap', () => {
    const plan = planSpeechCuts(30, [], options, null)
    expect(plan.chunks).toEqual([])
    expect(plan.gaps).toEqual([{ start: 0, end: 30, kind: 'no-speech' }])
  })
})

describe('gap markers in the exports', () => {
  const t: Transcript = {
    durationSeconds: 80,
    segments: [
      { start: 1, end: 3, text: 'hello there', words: [] },
      { start: 78, end: 79, text: 'goodbye', words: [] }
    ],
    gaps: [
      { start: 42, end: 77, kind: 'no-speech' },
      { start: 79.5, end: 80, kind: 'music' }
    ]
  }
  it('txt has a marker line where each gap falls; SRT has no cue for it', () => {
    expect(toTxt(t)).toBe('hello there\n[no speech 0:42–1:17]\ngoodbye\n[music 1:19–1:20]\n')
    expect(toSrt(t)).not.toMatch(/no speech|music/)
  })
})

describe('the VAD worker protocol and model names', () => {
  it('frames arrive whole however the bytes are split', () => {
    const got: number[][] = []
    const reader = new FrameReader((r, payload) => {
      if (r.type === 'detect') got.push([r.id, payload.length])
    })
    const bytes = Buffer.concat([
      detectFrame(1, new Int16Array(1000), {}),
      detectFrame(2, new Int16Array(3), {})
    ])
    for (let i = 0; i < bytes.length; i += 7) reader.push(bytes.subarray(i, i + 7))
    expect(got).toEqual([
      [1, 2000],
      [2, 6]
    ])
  })

  it('a NAME is looked up in the models folder; a missing one says how to get it', () => {
    const missing = resolveVadModel('', '/nonexistent-models')
    expect(missing).toEqual({
      missing: 'VAD model silero-v6.2.0 is not installed (transcriptor models pull silero-v6.2.0)'
    })
    expect(resolveVadModel('/no/such/file.bin')).toEqual({
      missing: 'VAD model /no/such/file.bin not found'
    })
  })
})
