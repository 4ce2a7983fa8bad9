// A recording's energy detector takes its threshold from everything heard so far, so soft speech
// waiting for its chunk is not called silence because the loud part of the sentence is already in
// the previous chunk (the detector run on the waiting audio alone does exactly that).
import { describe, expect, it } from 'vitest'
import { EnergyDetector } from '../../../src/main/pipeline/energyDetector'
import { RecordingEnergyDetector } from '../../../src/main/pipeline/recordingEnergyDetector'

const RATE = 16_000

/** `seconds` of a 220 Hz tone at `amplitude` (0 = near silence: a little noise). */
function tone(seconds: number, amplitude: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE))
  for (let i = 0; i < out.length; i++)
    out[i] =
      amplitude > 0
        ? amplitude * Math.sin((2 * Math.PI * 220 * i) / RATE)
        : 0.0005 * Math.sin(i * 12.9898)
  return out
}

const join = (...parts: Float32Array[]): Float32Array => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const pcm = (samples: Float32Array): Int16Array =>
  Int16Array.from(samples, (s) => Math.round(s * 32767))

describe('RecordingEnergyDetector', () => {
  // Loud and soft speech alternating (a voice dropping at the end of a phrase), no real pause.
  const phrase = join(tone(0.6, 0.5), tone(0.6, 0.03), tone(0.6, 0.5), tone(0.6, 0.03))

  it('hears soft speech as speech once it has heard the silence around it', async () => {
    const recording = new RecordingEnergyDetector()
    recording.hear(pcm(join(tone(2, 0), tone(1, 0.5), tone(1, 0))))
    recording.hear(pcm(phrase))
    const heard = await recording.detect(phrase)
    expect(heard).toHaveLength(1)
    expect(heard[0].end - heard[0].start).toBeGreaterThan(2.3)
  })

  it('where the detector on the waiting audio alone calls the soft part a pause', async () => {
    const alone = await new EnergyDetector().detect(phrase)
    expect(alone.length).toBeGreaterThan(1)
  })
})
