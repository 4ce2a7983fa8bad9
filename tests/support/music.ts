// Music without speech, made at test time by ffmpeg's aevalsrc (no recordings are shipped): every
// sample is a formula below, so the fixtures are exactly reproducible and free of any licence.
//  - sineChords: three sine partials, a C major triad for 4 s then A minor for 4 s, repeated;
//  - melodyWithPercussion: a plucked note every 0.25 s (decaying sine, pitch stepping through a
//    7-note cycle) over a noise-burst drum on every half second;
//  - speechOverMusic: a speech file with the melody mixed in `belowDb` quieter (a podcast bed).
import { execFileSync } from 'node:child_process'

const SAMPLE_RATE = 16_000

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args])
}

function synthesize(expression: string, seconds: number, out: string): string {
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `aevalsrc='${expression}':s=${SAMPLE_RATE}:d=${seconds}`,
    '-ac',
    '1',
    out
  ])
  return out
}

/** Held triads (C major, then A minor), 0.15 of full scale per partial. */
export function sineChords(out: string, seconds: number): string {
  const partial = (major: number, minor: number): string =>
    `0.15*sin(2*PI*t*if(lt(mod(t,8),4),${major},${minor}))`
  return synthesize(
    [partial(261.63, 220), partial(329.63, 261.63), partial(392, 329.63)].join('+'),
    seconds,
    out
  )
}

/** Four plucked notes a second over a noise-burst drum twice a second. */
export function melodyWithPercussion(out: string, seconds: number): string {
  const note = '0.35*sin(2*PI*t*(262+131*mod(floor(t*4)*5,7)/2))*exp(-4*mod(t,0.25))'
  const drum = '0.3*(2*random(0)-1)*exp(-25*mod(t,0.5))'
  return synthesize(`${note}+${drum}`, seconds, out)
}

/** `speech` with `music` mixed in `belowDb` dB quieter, as long as the speech. */
export function speechOverMusic(
  speech: string,
  music: string,
  belowDb: number,
  out: string
): string {
  ffmpeg([
    '-i', speech, '-i', music,
    '-filter_complex', `[1]volume=-${belowDb}dB[m];[0][m]amix=inputs=2:duration=first:normalize=0`,
    '-ac', '1', '-ar', String(SAMPLE_RATE), out
  ]) // prettier-ignore
  return out
}
