// Issue 22's "done when" for Silero on file jobs, through the CLI as a user runs it: LibriVox
// sentences with 10–15 s of noise and music between them, transcribed by pocketsphinx. With
// `--vad silero` no word falls inside the noise, the noise stretches are the transcript's gaps
// (txt markers, nothing in the SRT), and the WER is lower than with `--vad energy`, which sends the
// noise to the engine (pocketsphinx writes words over it). A missing VAD model: one log line, the
// energy detector, the job still completes.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, extname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Transcript } from '@shared/transcript'
import { noisySpeech, type NoisySpeech } from '../../support/noisySpeech'
import { librivoxClips } from '../../support/speech'
import { wordErrorRate } from '../../support/wer'
import { removeDir, tempDir } from '../pipeline/harness'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const MODEL = resolve(__dirname, '../../../../shared/data/models/ggml-silero-v6.2.0.bin')
const TIMEOUT = 400_000

let dir: string
let input: NoisySpeech

beforeAll(() => {
  dir = tempDir('transcriptor-vad-noisy-')
  // Two sentences between pink noise, music and brown noise. The music, on which pocketsphinx
  // spends about a CPU-second per second (on noise almost nothing), is at the low end: 10 s.
  input = noisySpeech(dir, { clips: 2, fillers: [10, 10, 12] })
})
afterAll(() => removeDir(dir))

interface Run {
  transcript: Transcript
  txt: string
  srt: string
  log: string
}

function transcribe(name: string, args: string[], file = input.path): Run {
  const out = join(dir, name)
  const dataDir = join(dir, `${name}-data`)
  // One chunk per job (60 s): the detectors are compared, not the seams, and each chunk is one
  // more pocketsphinx start.
  const r = spawnSync(
    process.execPath,
    [
      ...[BIN, '--data-dir', dataDir, 'transcribe', file, '--engine', 'pocketsphinx'],
      ...['--format', 'txt,srt,json', '--out', out, '--chunk', '60', ...args]
    ],
    { encoding: 'utf8', timeout: TIMEOUT, env: { ...process.env, TRANSCRIPTOR_HOME: '' } }
  )
  expect(r.status, r.stderr).toBe(0)
  const base = basename(file, extname(file))
  const output = (ext: string): string => readFileSync(join(out, `${base}.${ext}`), 'utf8')
  const logs = join(dataDir, 'logs')
  const log = readdirSync(logs)
    .map((f) => readFileSync(join(logs, f), 'utf8'))
    .join('\n')
  return {
    transcript: JSON.parse(output('json')) as Transcript,
    txt: output('txt'),
    srt: output('srt'),
    log
  }
}

const words = (t: Transcript) => t.segments.flatMap((s) => s.words)
const text = (t: Transcript): string => t.segments.map((s) => s.text).join(' ')
/** Noise stretches with a second of margin either side (padding, word timing). */
const wordsInNoise = (t: Transcript) =>
  words(t).filter((w) => {
    const mid = (w.start + w.end) / 2
    return input.noise.some((n) => mid > n.start + 1 && mid < n.end - 1)
  })

describe('Silero VAD on a file with noise and music between the sentences', () => {
  let silero: Run
  let energy: Run

  it(
    '--vad silero: no words in the noise, which is the gaps; WER below --vad energy',
    () => {
      silero = transcribe('silero', ['--vad', 'silero', '--vad-model', MODEL])
      energy = transcribe('energy', ['--vad', 'energy'])
      expect(words(silero.transcript).length).toBeGreaterThan(20)
      expect(wordsInNoise(silero.transcript)).toEqual([])
      // Every noise stretch is (mostly) a gap: nothing of it went to the engine.
      const gaps = silero.transcript.gaps ?? []
      for (const n of input.noise) {
        const covered = gaps.reduce(
          (sum, g) => sum + Math.max(0, Math.min(g.end, n.end) - Math.max(g.start, n.start)),
          0
        )
        expect(covered, `noise ${n.start}–${n.end} s`).toBeGreaterThan((n.end - n.start) * 0.85)
      }
      expect(silero.txt).toMatch(/^\[no speech 0:00–0:0\d\]$/m)
      expect(silero.txt).toMatch(/^\[(music|no speech) \d:\d\d–\d:\d\d\]$/m)
      expect(silero.srt).not.toMatch(/no speech|music/)
      expect(silero.log).toMatch(/vad: silero found/)
      // The energy detector hears the noise as sound: it goes to the engine, words land in it.
      expect(energy.transcript.gaps ?? []).toEqual([])
      expect(wordsInNoise(energy.transcript).length).toBeGreaterThan(0)
      const werSilero = wordErrorRate(input.reference, text(silero.transcript))
      const werEnergy = wordErrorRate(input.reference, text(energy.transcript))
      expect(werSilero).toBeLessThan(werEnergy)
    },
    TIMEOUT * 2
  )

  it(
    'a VAD model that is not installed: one line in the log, the energy detector, completed',
    () => {
      // One short sentence (3 s): the fallback is the point, not the amount of speech.
      const short = librivoxClips()[1]
      const run = transcribe('missing', ['--vad', 'silero', '--vad-model', 'silero-v9'], short)
      const lines = run.log.split('\n').filter((l) => /vad: .*energy detector/.test(l))
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/VAD model silero-v9 is not installed/)
      expect(run.log).toMatch(/vad: energy found/)
      expect(words(run.transcript).length).toBeGreaterThan(0)
    },
    TIMEOUT
  )
})
