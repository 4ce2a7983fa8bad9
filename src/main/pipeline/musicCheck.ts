// Is there speech in this recording, or only music? pocketsphinx finds "words" in any sound, so a
// music-only file would otherwise end as a confident transcript of nonsense. Two classic cues
// over the loudness envelope (the 20 ms frame levels the cut planner already has), per window of
// a few seconds:
//  - speech falls quiet between syllables many times a second: a good share of its frames are
//    well below the window's mean power (low short-time energy ratio, LSTER ~0.3–0.6); a held
//    chord, a drone or a dense mix never dips (LSTER ≈ 0);
//  - music repeats: its envelope correlates strongly with itself one beat or one bar later
//    (rhythmicity ~0.8–1); syllables come at irregular intervals (~0.1–0.5).
// A window is music-like if it never dips or if it repeats. The file is "music?" when nearly
// every window with sound in it is music-like. Speech over quieter music still dips at every
// pause (the music bed is far below the speech's mean) and does not repeat, so it stays speech.
// Pure: from the frame levels only.
import { silenceThresholdDb, type FrameLevels } from './silenceCuts'

export const WINDOW_SECONDS = 6
const HOP_SECONDS = 3
/** A frame below this share of its second's mean power is a dip (the classic LSTER rule). */
const DIP_RATIO = 0.5
/** Fewer dips than this share of frames: sustained sound, not syllables. */
export const MIN_SPEECH_LSTER = 0.1
/** The envelope repeats at least this well at some lag in [MIN_LAG, MAX_LAG]: a beat or a bar. */
export const MUSIC_RHYTHMICITY = 0.6
const MIN_LAG_SECONDS = 0.2
const MAX_LAG_SECONDS = 2
/** A window with more silent frames than this is a pause, not evidence either way. */
const MAX_SILENT_SHARE = 0.5
/** The file is music when at least this share of its sounding windows is music-like… */
const MUSIC_SHARE = 0.8
/** …and it has at least this many sounding windows (a few seconds decide nothing). */
const MIN_SOUNDING_WINDOWS = 2

export interface WindowCues {
  /** Seconds from the start of the recording. */
  start: number
  /** Share of frames below half their second's mean power. */
  lster: number
  /** Best normalized autocorrelation of the dB envelope over beat-to-bar lags. */
  rhythmicity: number
  musicLike: boolean
}

export interface MusicVerdict {
  soundingWindows: number
  musicLikeWindows: number
  /** Sound throughout that looks like music, not speech. */
  music: boolean
}

function powerOf(db: number): number {
  return 10 ** (db / 10)
}

/** Share of frames in [from, to) below DIP_RATIO × the mean power of their one-second block. */
export function lowEnergyRatio(
  db: Float32Array,
  from: number,
  to: number,
  perSecond: number
): number {
  let dips = 0
  for (let block = from; block < to; block += perSecond) {
    const end = Math.min(to, block + perSecond)
    let sum = 0
    for (let i = block; i < end; i++) sum += powerOf(db[i])
    const mean = sum / (end - block)
    for (let i = block; i < end; i++) if (powerOf(db[i]) < DIP_RATIO * mean) dips++
  }
  return to > from ? dips / (to - from) : 0
}

/** Max over lags of the autocorrelation of the mean-removed dB envelope, bias-corrected. */
export function rhythmicity(
  db: Float32Array,
  from: number,
  to: number,
  frameSeconds: number
): number {
  const n = to - from
  let mean = 0
  for (let i = from; i < to; i++) mean += db[i]
  mean /= n
  let energy = 0
  for (let i = from; i < to; i++) energy += (db[i] - mean) ** 2
  if (energy / n < 1e-3) return 1 // a flat envelope: a held tone repeats perfectly
  const minLag = Math.max(1, Math.round(MIN_LAG_SECONDS / frameSeconds))
  const maxLag = Math.min(n - 1, Math.round(MAX_LAG_SECONDS / frameSeconds))
  // A repeat counts only once the envelope has decorrelated from itself: at short lags a slow
  // envelope (a long pause between sentences) still resembles itself without repeating anything.
  let decorrelated = false
  let best = 0
  for (let lag = 1; lag <= maxLag; lag++) {
    let sum = 0
    for (let i = from; i + lag < to; i++) sum += (db[i] - mean) * (db[i + lag] - mean)
    const correlation = ((sum / energy) * n) / (n - lag)
    if (correlation < 0) decorrelated = true
    if (decorrelated && lag >= minLag) best = Math.max(best, correlation)
  }
  return best
}

/** The cues of every window with sound in it (windows mostly below the silence level are skipped). */
export function windowCues(levels: FrameLevels): WindowCues[] {
  const { db, frameSeconds } = levels
  const perWindow = Math.round(WINDOW_SECONDS / frameSeconds)
  const hop = Math.round(HOP_SECONDS / frameSeconds)
  const perSecond = Math.round(1 / frameSeconds)
  const silentDb = silenceThresholdDb(db)
  const cues: WindowCues[] = []
  for (let from = 0; from + perWindow <= db.length; from += hop) {
    const to = from + perWindow
    let silent = 0
    for (let i = from; i < to; i++) if (db[i] <= silentDb) silent++
    if (silent > MAX_SILENT_SHARE * perWindow) continue
    const lster = lowEnergyRatio(db, from, to, perSecond)
    const rhythm = rhythmicity(db, from, to, frameSeconds)
    cues.push({
      start: from * frameSeconds,
      lster,
      rhythmicity: rhythm,
      musicLike: lster < MIN_SPEECH_LSTER || rhythm >= MUSIC_RHYTHMICITY
    })
  }
  return cues
}

export function musicVerdict(levels: FrameLevels): MusicVerdict {
  const cues = windowCues(levels)
  const musicLikeWindows = cues.filter((c) => c.musicLike).length
  return {
    soundingWindows: cues.length,
    musicLikeWindows,
    music: cues.length >= MIN_SOUNDING_WINDOWS && musicLikeWindows >= MUSIC_SHARE * cues.length
  }
}
