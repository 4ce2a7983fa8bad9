// What a job says it is doing and how long it has left, phase by phase: decoding (the share of the
// input decoded, the decode's own time left), finding speech, transcribing (estimated from earlier
// jobs' rate where the engine says nothing), or only waiting for endpoints (which report nothing
// until they answer).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PipelineEvent } from '@shared/pipelineProtocol'
import { ChunkProgress, PreparationProgress } from '../../../src/main/pipeline/chunkProgress'

type Progress = Extract<PipelineEvent, { type: 'progress' }>
let sent: Progress[]
const emit = (e: PipelineEvent): void => {
  if (e.type === 'progress') sent.push(e)
}

beforeEach(() => {
  sent = []
  vi.useFakeTimers({ now: 1_000_000 })
})
afterEach(() => vi.useRealTimers())

describe('before the chunks', () => {
  it('decoding reports the decoded share of the input and the decode’s time left, then finding speech', () => {
    const phases = new PreparationProgress(600, emit)
    vi.setSystemTime(1_002_000)
    phases.decoded(150)
    phases.planning()
    expect(sent).toEqual([
      expect.objectContaining({ phase: 'decoding', phaseFraction: 0, etaSeconds: null }),
      expect.objectContaining({ phase: 'decoding', phaseFraction: 0.25, etaSeconds: 6 }),
      expect.objectContaining({ phase: 'planning', phaseFraction: null, etaSeconds: null })
    ])
    expect(sent.every((p) => p.fraction === 0)).toBe(true)
  })
})

describe('the chunks', () => {
  it('an engine’s progress inside the first chunk gives an ETA before it ends', () => {
    const progress = new ChunkProgress(4, emit)
    progress.started(0)
    vi.setSystemTime(1_010_000)
    progress.partial(0, 0.5)
    expect(sent.at(-1)).toMatchObject({ phase: 'transcribing', fraction: 0.125, etaSeconds: 70 })
  })

  it('with only endpoints at work the job waits for the server; a local chunk is transcribing', () => {
    const progress = new ChunkProgress(3, emit)
    progress.started(0, { atEndpoint: true })
    expect(sent.at(-1)?.phase).toBe('waiting')
    progress.started(1)
    expect(sent.at(-1)?.phase).toBe('transcribing')
    progress.done(1)
    expect(sent.at(-1)?.phase).toBe('waiting')
    progress.done(0)
    expect(sent.at(-1)).toMatchObject({ phase: 'transcribing', chunksDone: 2 })
  })

  it('the speaker step is its own phase once no local chunk is transcribing, with its own share', () => {
    const progress = new ChunkProgress(3, emit) // two chunks, then the speaker step
    progress.started(0)
    progress.speakersStarted(2)
    expect(sent.at(-1)?.phase).toBe('transcribing')
    progress.started(1, { atEndpoint: true })
    progress.done(0)
    // An endpoint still has a chunk, but what this machine is doing is finding the speakers.
    expect(sent.at(-1)).toMatchObject({ phase: 'speakers', phaseFraction: 0 })
    vi.advanceTimersByTime(1_000)
    progress.partial(2, 0.4)
    expect(sent.at(-1)).toMatchObject({ phase: 'speakers', phaseFraction: 0.4 })
    progress.done(2)
    expect(sent.at(-1)).toMatchObject({ phase: 'waiting', phaseFraction: null, chunksDone: 2 })
  })

  it('where the engine says nothing yet, the rate of earlier jobs estimates the chunk (never past 90 %)', () => {
    const progress = new ChunkProgress(4, emit, 0.5) // a 30 s chunk takes about 15 s
    progress.started(0, { audioSeconds: 30 })
    vi.advanceTimersByTime(6_000)
    expect(sent.at(-1)).toMatchObject({ fraction: 0.1, etaSeconds: 54 })
    vi.advanceTimersByTime(60_000)
    expect(sent.at(-1)?.fraction).toBeCloseTo(0.225, 6)
    progress.done(0)
    const reports = sent.length
    vi.advanceTimersByTime(5_000)
    expect(sent.length).toBe(reports)
  })

  it('without an earlier rate, a silent engine’s chunk stays where it is', () => {
    const progress = new ChunkProgress(4, emit)
    progress.started(0, { audioSeconds: 30 })
    vi.advanceTimersByTime(10_000)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ fraction: 0, etaSeconds: null })
  })
})
