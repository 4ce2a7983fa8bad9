// What each pocketsphinx chunk pays before it hears a sample, with the default model's whole
// dictionary (the baseline) and with it cut to the language model's words
// (src/main/engines/pocketsphinxLmWords.ts): one second of speech, seven starts each, alternated,
// the median compared. Target: the cut starts at least 20 % faster.
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { pocketsphinxEngine } from '../src/main/engines/pocketsphinx'
import { librivoxClips } from '../tests/support/speech'
import type { BenchResult } from './types'

const ROUNDS = 7
const execFileAsync = promisify(execFile)

/** The engine's run: the cut dictionary. */
async function engineRun(wav: string, scratchDir: string): Promise<number> {
  const started = performance.now()
  await pocketsphinxEngine.transcribeChunk(wav, {
    model: '',
    threads: 1,
    signal: new AbortController().signal,
    scratchDir
  })
  return performance.now() - started
}

/** pocketsphinx as installed, reading its whole dictionary. */
async function wholeDictionaryRun(wav: string): Promise<number> {
  const started = performance.now()
  await execFileAsync('pocketsphinx_continuous', ['-infile', wav, '-time', 'yes'])
  return performance.now() - started
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ps-start-'))
  try {
    const wav = join(dir, 'one second.wav')
    execFileSync('sox', [librivoxClips()[0], wav, 'trim', '0', '1.0'])
    await engineRun(wav, dir) // derives the cut once (if this machine has none), outside the timing
    const whole: number[] = []
    const cut: number[] = []
    for (let i = 0; i < ROUNDS; i++) {
      whole.push(await wholeDictionaryRun(wav))
      cut.push(await engineRun(wav, dir))
    }
    const value = median(cut)
    const baseline = median(whole)
    return [
      {
        name: 'pocketsphinx start + 1 s of speech, median ms (cut dictionary vs whole)',
        value: Math.round(value),
        unit: 'ms',
        baseline: Math.round(baseline),
        ratio: baseline / value,
        target: '≥ 1.2× faster than the whole dictionary',
        pass: baseline / value >= 1.2
      }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
