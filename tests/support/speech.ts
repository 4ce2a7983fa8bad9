// Real speech for tests: Debian's pocketsphinx-testdata LibriVox clips (with reference text),
// and longer recordings joined from them with sox, so a job is still running when a test stops it.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

export const LIBRIVOX_DIR = '/usr/share/pocketsphinx/test/data/librivox'

export function librivoxClips(): string[] {
  return readdirSync(LIBRIVOX_DIR)
    .filter((f) => f.endsWith('.wav'))
    .sort()
    .map((f) => join(LIBRIVOX_DIR, f))
}

/** Joins every clip `repeats` times into `<dir>/<name>` (about 27 s of speech per repeat). */
export function joinedSpeech(dir: string, repeats: number, name = 'long speech.wav'): string {
  const out = join(dir, name)
  const inputs = Array.from({ length: repeats }, () => librivoxClips()).flat()
  execFileSync('sox', [...inputs, out])
  return out
}

/** `text` spoken by espeak-ng (a synthetic voice unlike LibriVox's), as 16 kHz mono WAV. */
export function espeakSpeech(dir: string, text: string, name = 'espeak.wav'): string {
  const raw = join(dir, `raw-${name}`)
  const out = join(dir, name)
  execFileSync('espeak-ng', ['-v', 'en-us', '-w', raw, text])
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', out])
  return out
}
