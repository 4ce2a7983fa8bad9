// Real speech for tests: Debian's pocketsphinx-testdata LibriVox clips (with reference text),
// and longer recordings joined from them with sox, so a job is still running when a test stops it.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'

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

/** The reference text of each LibriVox clip (markers removed), by file name without `.wav`. */
function librivoxReferences(): Map<string, string> {
  const lines = readFileSync(join(LIBRIVOX_DIR, 'transcription'), 'utf8')
    .split('\n')
    .filter(Boolean)
  return new Map(
    lines.map((l) => [
      /\(([^)]*)\)\s*$/.exec(l)?.[1] ?? '',
      l
        .replace(/\([^)]*\)\s*$/, '')
        .replace(/<\/?s>/g, '')
        .trim()
    ])
  )
}

/** What the five clips say, in order, `repeat` times (the text of joinedLibrivox's output). */
export function librivoxReference(repeat = 1): string {
  const text = [...librivoxReferences().values()].join(' ')
  return Array.from({ length: repeat }, () => text).join(' ')
}

/** What one LibriVox clip says. */
export function clipReference(clipPath: string): string {
  const text = librivoxReferences().get(basename(clipPath, '.wav'))
  if (text === undefined) throw new Error(`no reference text for ${clipPath}`)
  return text
}
