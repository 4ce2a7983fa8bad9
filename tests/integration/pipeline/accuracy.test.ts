// Chunking + parallel workers must not cost accuracy: on the LibriVox clips (Debian's
// pocketsphinx-testdata, with reference transcripts), chunked + parallel WER stays within
// +3 points of one unchunked pass over the same audio.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wordErrorRate } from '../../support/wer'
import {
  joinedLibrivox,
  librivoxReference,
  makeSpec,
  removeDir,
  runPipelineProcess,
  tempDir
} from './harness'

let dir: string
let input: string

beforeAll(() => {
  dir = tempDir()
  input = joinedLibrivox(join(dir, 'librivox.wav')) // ~25 s, five utterances
})
afterAll(() => removeDir(dir))

async function werOf(
  name: string,
  chunkSeconds: number,
  overlapSeconds: number,
  processes: number
): Promise<number> {
  const spec = makeSpec(join(dir, name), input, {
    chunkSeconds,
    overlapSeconds,
    processes,
    formats: ['txt']
  })
  const run = await runPipelineProcess(spec)
  expect(run.code, run.stderr).toBe(0)
  return wordErrorRate(
    librivoxReference(),
    readFileSync(join(spec.outputDir, 'transcript.txt'), 'utf8')
  )
}

describe('accuracy (WER on LibriVox)', () => {
  it('chunked (10 s, overlap 2 s) with 2 processes stays within +3 points of one unchunked pass', async () => {
    const unchunked = await werOf('unchunked', 600, 0, 1)
    const chunked = await werOf('chunked', 10, 2, 2)
    console.log(
      `WER unchunked ${(unchunked * 100).toFixed(1)} %, chunked+parallel ${(chunked * 100).toFixed(1)} %`
    )
    expect(unchunked).toBeLessThan(0.5) // the engine really recognizes this speech
    expect(chunked).toBeLessThanOrEqual(unchunked + 0.03)
  }, 600_000) // two full pocketsphinx passes over 124 s: over 120 s on a busy machine
})
