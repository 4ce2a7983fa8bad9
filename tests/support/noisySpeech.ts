// Speech with noise and music between the sentences, made at test time (issue 22's bench and
// tests): the five LibriVox clips in order, with 10–30 s of sox noise (pink, brown, white) or
// synthesized music (tests/support/music.ts) before, between and after them. Returns where each
// stretch lies, so a test can ask whether any word fell in the noise.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { melodyWithPercussion } from './music'
import { clipReference, librivoxClips } from './speech'

export interface NoisySpeech {
  path: string
  /** Where the clips (the speech) lie, seconds. */
  speech: { start: number; end: number }[]
  /** Where the noise and music lie, seconds. */
  noise: { start: number; end: number }[]
  /** Seconds of the clips themselves: the speech's own length. */
  speechSeconds: number
  reference: string
}

/** Filler lengths (seconds) before clip 1, between the clips and after the last: 10–30 s. */
const FILLERS = [12, 20, 15, 28, 10, 14]
const KINDS = ['pinknoise', 'music', 'brownnoise', 'whitenoise', 'music', 'pinknoise'] as const

function soxSeconds(path: string): number {
  return Number(execFileSync('soxi', ['-D', path], { encoding: 'utf8' }).trim())
}

function filler(dir: string, i: number, seconds: number): string {
  const out = join(dir, `filler-${i}.wav`)
  const kind = KINDS[i % KINDS.length]
  if (kind === 'music') {
    const raw = melodyWithPercussion(join(dir, `music-${i}.wav`), seconds)
    execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', out, 'vol', '0.6'])
  } else {
    execFileSync('sox', [
      ...['-n', '-r', '16000', '-c', '1', '-b', '16', out],
      ...['synth', String(seconds), kind, 'vol', '0.12']
    ])
  }
  return out
}

/**
 * The first `clips` LibriVox clips (all five by default; fewer keeps a test short) with
 * `fillers[i]` seconds of noise or music before clip i and after the last (one more than clips).
 */
export function noisySpeech(
  dir: string,
  o: { clips?: number; fillers?: number[]; name?: string } = {}
): NoisySpeech {
  const clips = librivoxClips().slice(0, o.clips ?? 5)
  const fillers = o.fillers ?? FILLERS
  if (fillers.length < clips.length + 1) throw new Error('one filler more than clips is needed')
  const parts: string[] = []
  const speech: NoisySpeech['speech'] = []
  const noise: NoisySpeech['noise'] = []
  let at = 0
  for (let i = 0; i <= clips.length; i++) {
    const f = filler(dir, i, fillers[i])
    parts.push(f)
    noise.push({ start: at, end: at + fillers[i] })
    at += fillers[i]
    if (i === clips.length) break
    const seconds = soxSeconds(clips[i])
    parts.push(clips[i])
    speech.push({ start: at, end: at + seconds })
    at += seconds
  }
  const path = join(dir, o.name ?? 'noisy speech.wav')
  execFileSync('sox', [...parts, path])
  const speechSeconds = speech.reduce((sum, s) => sum + s.end - s.start, 0)
  const reference = clips.map((c) => clipReference(c)).join(' ')
  return { path, speech, noise, speechSeconds, reference }
}
