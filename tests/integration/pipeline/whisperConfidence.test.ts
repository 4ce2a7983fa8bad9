// Whisper's confidence reaches the transcript on the default whisper path (the addon built here,
// whose segments carry their tokens: scripts/addonTokensPatch.mjs). No real weights can be
// downloaded here, so the model is one that always writes the word "A" with a probability set
// in its weights (tests/support/oneWordWhisperModel.ts); the real whisper.cpp decodes it.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { doubtfulWords } from '@shared/doubtfulWords'
import { TranscriptSchema } from '@shared/transcript'
import { nativeBuild } from '../../../src/main/engines/whisperWorker/cpuBuild'
import { writeOneWordWhisperModel } from '../../support/oneWordWhisperModel'
import { makeSpec, removeDir, runPipelineProcess, tempDir } from './harness'

const JFK = resolve(__dirname, '../../../../shared/data/speech/jfk.wav')
// e^9.978 against the ~50,300 other tokens whisper leaves open at the first step: p ≈ 0.30.
const WORD_LOGIT = 9.978

let dir: string
beforeAll(() => (dir = tempDir('transcriptor-whisper-confidence-')))
afterAll(() => removeDir(dir))

// The prebuilt addon gives no tokens; this needs the build setup makes for this CPU.
const native = nativeBuild()
const notRunBecause = native.build
  ? ''
  : `no whisper.cpp addon built for this CPU here (${native.reason ?? 'setup.sh builds it where cmake and a compiler exist'})`

describe.skipIf(notRunBecause !== '')(
  `whisper confidence (the addon built here)${notRunBecause && `: not run, ${notRunBecause}`}`,
  () => {
    it("a word carries whisper's probability and the editor counts it doubtful", async () => {
      const model = writeOneWordWhisperModel(join(dir, 'ggml-one-word.bin'), {
        word: 32, // "A"
        wordLogit: WORD_LOGIT,
        endTimestamp: 600 // 12 s: past the end of the 11 s clip, so the one segment ends there
      })
      const spec = makeSpec(join(dir, 'job'), JFK, {
        engine: 'whisper',
        model,
        language: 'en',
        processes: 1
      })
      const run = await runPipelineProcess(spec)
      expect(run.code, run.stderr + run.stdout).toBe(0)
      expect(run.stdout).toMatch(/CPU code: [^)]*built here for this CPU/)
      const transcript = TranscriptSchema.parse(
        JSON.parse(readFileSync(join(spec.outputDir, 'transcript.json'), 'utf8'))
      )
      const words = transcript.segments.flatMap((s) => s.words)
      expect(words.map((w) => w.word)).toEqual(['A'])
      expect(words[0].probability).toBeCloseTo(0.3, 2)
      // Its time is whisper's token time, not the whole segment's share.
      expect(words[0].start).toBeGreaterThan(0)
      expect(doubtfulWords(transcript, 0.5)).toEqual([
        expect.objectContaining({ why: 'confidence 30 %' })
      ])
    })
  }
)
