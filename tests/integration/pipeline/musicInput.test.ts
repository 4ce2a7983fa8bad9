// Music without speech ends with its transcript AND the warning "no speech found: music?" (the
// engine finds "words" in any sound); speech — LibriVox, espeak-ng, or speech over quieter music
// — never gets it. Fixtures are made here (tests/support/music.ts says how); the pipeline is the
// built one, and the held chords go through the CLI and the database as a user would. (LibriVox
// alone: its cues are tests/unit/pipeline/musicCheck.test.ts's "LibriVox sentences and espeak-ng
// ones", from the same frame levels; the pipeline's no-warning path is the espeak-ng case and
// LibriVox over music here.)
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { melodyWithPercussion, sineChords, speechOverMusic } from '../../support/music'
import { espeakSpeech } from '../../support/speech'
import {
  LIBRIVOX,
  makeSpec,
  removeDir,
  runPipelineProcess,
  tempDir,
  type PipelineRun
} from './harness'

const MUSIC_WARNING = 'no speech found: music?'
/** Generous: a few pocketsphinx chunks each, on a machine that may be busy with other work. */
const TIMEOUT = 400_000
const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
let dir: string

beforeAll(() => {
  dir = tempDir('transcriptor-music-')
})
afterAll(() => removeDir(dir))

/**
 * The two longest LibriVox clips joined: 13 s, three full 6-s windows of the music check (two
 * decide; fewer decide nothing). pocketsphinx spends about a second per second on music, so the
 * fixtures are as short as gives the check three windows (speech, where too few windows would
 * pass for nothing) or two (music: a "music?" verdict needs two, every one music-like).
 */
function librivoxSpeech(out: string): string {
  const clips = ['0870', '0920'].map((n) =>
    join(LIBRIVOX, `sense_and_sensibility_01_austen_64kb-${n}.wav`)
  )
  execFileSync('sox', [...clips, out])
  return out
}

/** The check's line in the pipeline's log: "sound: M of N sounding window(s) music-like". */
function soundWindows(run: PipelineRun): { musicLike: number; sounding: number } {
  const m = /sound: (\d+) of (\d+) sounding window\(s\) music-like/.exec(run.stdout)
  return { musicLike: Number(m?.[1]), sounding: Number(m?.[2]) }
}

function warnings(run: PipelineRun): string[] {
  return run.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []))
}

async function transcribe(name: string, input: string): Promise<PipelineRun> {
  const spec = makeSpec(join(dir, name), input)
  const run = await runPipelineProcess(spec)
  expect(run.code, run.stderr).toBe(0)
  expect(existsSync(join(spec.outputDir, 'transcript.txt'))).toBe(true)
  return run
}

describe('pipeline: music without speech is said to be music', () => {
  it(
    'a melody over noise-burst percussion: transcript plus the warning',
    async () => {
      const run = await transcribe('melody', melodyWithPercussion(join(dir, 'melody.flac'), 9))
      expect(warnings(run)).toEqual([MUSIC_WARNING])
      expect(soundWindows(run).sounding).toBeGreaterThanOrEqual(2)
      expect(soundWindows(run).musicLike).toBe(soundWindows(run).sounding)
    },
    TIMEOUT
  )
})

describe('pipeline: speech is never called music', () => {
  it(
    'espeak-ng',
    async () => {
      const speech = espeakSpeech(
        dir,
        'The committee will meet again on Thursday to discuss the budget for next year. ' +
          'Please remember to bring your notes, since we will review every chapter in detail. ' +
          'After the storm, the river rose quickly and flooded the fields along the valley.'
      )
      expect(warnings(await transcribe('espeak', speech))).toEqual([])
    },
    TIMEOUT
  )

  it(
    'LibriVox over the melody 14 dB quieter',
    async () => {
      const melody = melodyWithPercussion(join(dir, 'bed.wav'), 14)
      const speech = librivoxSpeech(join(dir, 'librivox-for-mix.wav'))
      const mixed = speechOverMusic(speech, melody, 14, join(dir, 'mixed.wav'))
      const run = await transcribe('mixed', mixed)
      expect(warnings(run)).toEqual([])
      // Judged on windows with sound in them, not passed for having too few to decide.
      expect(soundWindows(run).sounding).toBeGreaterThanOrEqual(3)
    },
    TIMEOUT
  )
})

describe('CLI: held chords get the music warning, stored and shown', () => {
  it(
    'every window is music-like; transcribe prints the warning; jobs show reads it back from the database',
    () => {
      const dataDir = join(dir, 'data')
      const input = sineChords(join(dir, 'cli-chords.wav'), 12)
      const cli = (args: string[]) =>
        spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
          encoding: 'utf8',
          timeout: TIMEOUT,
          env: { ...process.env, TRANSCRIPTOR_HOME: '' }
        })
      const done = cli([
        'transcribe',
        '--format',
        'txt',
        '--out',
        join(dir, 'cli-out'),
        '--',
        input
      ])
      expect(done.status, done.stderr).toBe(0)
      expect(existsSync(join(dir, 'cli-out', 'cli-chords.txt'))).toBe(true)
      const logs = join(dataDir, 'logs')
      const log = readdirSync(logs)
        .map((f) => readFileSync(join(logs, f), 'utf8'))
        .join('\n')
      const m = /sound: (\d+) of (\d+) sounding window\(s\) music-like: music\?/.exec(log)
      expect(Number(m?.[2])).toBeGreaterThanOrEqual(3)
      expect(m?.[1]).toBe(m?.[2])
      // Outcomes are progress lines: on stderr, so stdout stays clean for --json; the warning is
      // the only one (several would be joined with "; " inside the parentheses).
      expect(done.stderr).toContain(`(warning: ${MUSIC_WARNING})`)
      const shown = cli(['jobs', 'show', '1'])
      expect(shown.status, shown.stderr).toBe(0)
      expect(shown.stdout).toMatch(new RegExp(`warning:\\s+${MUSIC_WARNING.replace('?', '\\?')}`))
    },
    TIMEOUT
  )
})
