// Where a live recording's chunks close: at the first pause after speech, at the longest pause
// of the second half once a chunk reaches its maximum length, everything at the end; silence
// alone is let go without waiting for speech.
import { describe, expect, it } from 'vitest'
import { nextLiveCut } from '../../../src/main/pipeline/liveCuts'
import { EnergyDetector } from '../../../src/main/pipeline/energyDetector'

const o = { maxSeconds: 10, minPauseSeconds: 0.3, trailingPauseSeconds: 0.8 }

describe('nextLiveCut', () => {
  it('waits while someone is still talking', () => {
    expect(nextLiveCut(3, [{ start: 0.2, end: 3 }], false, o)).toBeNull()
    expect(nextLiveCut(3.2, [{ start: 0.2, end: 3 }], false, o)).toBeNull()
  })

  it('closes at the middle of the first pause after speech', () => {
    const stretches = [
      { start: 0.5, end: 2 },
      { start: 2.1, end: 4 },
      { start: 4.6, end: 6 }
    ]
    expect(nextLiveCut(6.5, stretches, false, o)).toEqual({ at: 4.3, silent: false })
  })

  it('closes at a pause that is still going on once it is long enough', () => {
    expect(nextLiveCut(4.9, [{ start: 0.5, end: 4 }], false, o)).toEqual({
      at: 4.45,
      silent: false
    })
    // A short dip at the very end may be the gap before the next word: wait for it.
    expect(nextLiveCut(4.4, [{ start: 0.5, end: 4 }], false, o)).toBeNull()
  })

  it('at the maximum length, cuts at the longest short gap of the second half, else at the maximum', () => {
    const talk = [
      { start: 0, end: 6 },
      { start: 6.1, end: 8 },
      { start: 8.25, end: 11 }
    ]
    expect(nextLiveCut(11, talk, false, o)?.at).toBeCloseTo(8.125, 5)
    expect(nextLiveCut(11, [{ start: 0, end: 11 }], false, o)).toEqual({ at: 10, silent: false })
    expect(nextLiveCut(9.9, [{ start: 0, end: 9.9 }], false, o)).toBeNull()
  })

  it('lets silence go as a silent chunk, keeping its last half second', () => {
    expect(nextLiveCut(1.5, [], false, o)).toBeNull()
    expect(nextLiveCut(3, [], false, o)).toEqual({ at: 2.5, silent: true })
  })

  it('takes everything left once the recording has ended', () => {
    expect(nextLiveCut(3, [{ start: 0.2, end: 3 }], true, o)).toEqual({ at: 3, silent: false })
    expect(nextLiveCut(1, [], true, o)).toEqual({ at: 1, silent: true })
    expect(nextLiveCut(0, [], true, o)).toBeNull()
  })
})

describe('energy speech detector', () => {
  it('hears a tone between two silences as one stretch of speech', async () => {
    const samples = new Float32Array(16_000 * 3)
    for (let i = 16_000; i < 32_000; i++) samples[i] = 0.25 * Math.sin(i / 5)
    const stretches = await new EnergyDetector().detect(samples)
    expect(stretches).toHaveLength(1)
    expect(stretches[0].start).toBeCloseTo(1, 1)
    expect(stretches[0].end).toBeCloseTo(2, 1)
  })

  it('hears nothing in silence', async () => {
    expect(await new EnergyDetector().detect(new Float32Array(16_000))).toEqual([])
  })
})
