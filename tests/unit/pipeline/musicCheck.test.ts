import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { measurePcmLevels } from '../../../src/main/media/pcmLevels'
import { espeakSpeech, librivoxClips } from '../../support/speech'
import {
  lowEnergyRatio,
  musicVerdict,
  rhythmicity,
  windowCues
} from '../../../src/main/pipeline/musicCheck'

const FRAME = 0.02
const PER_SECOND = 1 / FRAME

/** A seeded generator, so the "speech" envelope is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** Frame levels (dBFS) from a function of time. */
function levels(seconds: number, dbAt: (t: number, i: number) => number) {
  const db = Float32Array.from({ length: Math.round(seconds * PER_SECOND) }, (_, i) =>
    dbAt(i * FRAME, i)
  )
  return { frameSeconds: FRAME, db }
}

/** Syllables of 80–300 ms at irregular pitch-less loudness, pauses of 40–250 ms (and longer breaths). */
function speechLike(seconds: number, seed = 1): Float32Array {
  const next = random(seed)
  const db = new Float32Array(Math.round(seconds * PER_SECOND)).fill(-70)
  let i = 0
  while (i < db.length) {
    const syllable = Math.round((0.08 + 0.22 * next()) * PER_SECOND)
    const peak = -22 + 8 * next()
    for (let k = 0; k < syllable && i < db.length; k++, i++)
      db[i] = peak - 12 * Math.abs(k / syllable - 0.5)
    const breath = next() < 0.1 ? 0.5 : 0
    i += Math.round((0.04 + 0.21 * next() + breath) * PER_SECOND)
  }
  return db
}

/** A beat every 0.5 s: a loud onset decaying over 300 ms, then a quieter held note. */
const beat = (t: number): number => -18 - 40 * Math.min(0.3, t % 0.5)

/** Two levels summed as powers (two sources playing at once). */
const mixDb = (a: number, b: number): number => 10 * Math.log10(10 ** (a / 10) + 10 ** (b / 10))

describe('music check: cues', () => {
  it('a held tone never dips; speech dips at every pause', () => {
    const held = levels(6, () => -20).db
    expect(lowEnergyRatio(held, 0, held.length, PER_SECOND)).toBe(0)
    const speech = speechLike(6)
    expect(lowEnergyRatio(speech, 0, speech.length, PER_SECOND)).toBeGreaterThan(0.25)
  })

  it('a beat repeats itself; syllables do not', () => {
    const music = levels(6, beat).db
    expect(rhythmicity(music, 0, music.length, FRAME)).toBeGreaterThan(0.9)
    const speech = speechLike(6, 7)
    expect(rhythmicity(speech, 0, speech.length, FRAME)).toBeLessThan(0.5)
  })

  it('windows that are mostly silence are no evidence either way', () => {
    const quiet = levels(30, (t) => (t % 10 < 1 ? -20 : -80))
    expect(windowCues(quiet)).toEqual([])
  })
})

describe('music check: verdict', () => {
  it('held chords: music', () => {
    expect(musicVerdict(levels(60, (t) => -20 + 0.5 * Math.sin(t))).music).toBe(true)
  })

  it('a melody over a beat: music', () => {
    const verdict = musicVerdict(levels(60, beat))
    expect(verdict).toMatchObject({ music: true })
    expect(verdict.musicLikeWindows).toBe(verdict.soundingWindows)
  })

  it('speech: not music, whatever the seed', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const db = speechLike(120, seed)
      expect(musicVerdict({ frameSeconds: FRAME, db })).toMatchObject({ music: false })
    }
  })

  it('speech over music 14 dB quieter: not music', () => {
    const speech = speechLike(120, 11)
    const db = Float32Array.from(speech, (s, i) => mixDb(s, beat(i * FRAME) - 14))
    expect(musicVerdict({ frameSeconds: FRAME, db }).music).toBe(false)
  })

  it('a few seconds decide nothing', () => {
    expect(musicVerdict(levels(7, () => -20)).music).toBe(false)
  })

  it('a podcast with a music intro is speech', () => {
    const speech = speechLike(120, 3)
    const db = Float32Array.from({ length: 150 * PER_SECOND }, (_, i) =>
      i < 30 * PER_SECOND ? beat(i * FRAME) : speech[i - 30 * PER_SECOND]
    )
    expect(musicVerdict({ frameSeconds: FRAME, db }).music).toBe(false)
  })
})

describe('music check: real speech with long pauses', () => {
  it('LibriVox sentences and espeak-ng ones, a second of digital silence between: no window is music-like', async () => {
    // Found with the long-file bench's material: a slow envelope resembles itself at short lags,
    // which once counted as a repeat (43 of 99 windows of 5 minutes were called music-like).
    const dir = mkdtempSync(join(tmpdir(), 'transcriptor-music-check-'))
    try {
      const sentence = espeakSpeech(dir, 'The committee will meet again on Thursday.', 'e.wav')
      const padded = join(dir, 'padded.wav')
      execFileSync('sox', [sentence, padded, 'pad', '0.4', '0.6'])
      const pcm = join(dir, 'speech.s16le')
      const parts = librivoxClips().flatMap((clip) => [clip, padded])
      execFileSync('sox', [...parts, ...parts, '-t', 'raw', '-e', 'signed', '-b', '16', pcm])
      const verdict = musicVerdict(await measurePcmLevels(pcm))
      expect(verdict.soundingWindows).toBeGreaterThan(20)
      expect(verdict.musicLikeWindows).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
