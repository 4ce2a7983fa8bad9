// A video whose picture runs on after its sound ends is not a truncated file (issue 24 item 7: an
// MP4 with 12.8 s of video and 11.0 s of audio was told "decoded 11.0 s of 12.8 s: file
// truncated?"). Real MP4s made here with ffmpeg, probed by the real ffprobe, transcribed by the
// built pipeline (the unit test tests/unit/engines/probeParsing.test.ts covers other containers).
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeMedia } from '../../../src/main/media/mediaProbe'
import { ffmpeg, makeSpec, removeDir, runPipelineProcess, tempDir } from './harness'

const JFK = resolve(__dirname, '../../../../shared/data/speech/jfk.wav')
const TIMEOUT = 300_000
let dir: string

beforeAll(() => {
  dir = tempDir('transcriptor-mp4-')
})
afterAll(() => removeDir(dir))

/** 12.8 s of a small test picture with `audioSeconds` of JFK's speech (AAC) in an MP4. */
function videoWithShorterAudio(name: string, audioSeconds: number): string {
  const out = join(dir, name)
  ffmpeg([
    ...['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10:duration=12.8'],
    ...['-t', String(audioSeconds), '-i', JFK],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
    out
  ])
  return out
}

describe('the truncation warning compares the audio stream’s own length', () => {
  it(
    'an MP4 with 12.8 s of video and 11.0 s of audio: transcript, no "truncated?"',
    async () => {
      const input = videoWithShorterAudio('talk.mp4', 11)
      const probe = await probeMedia('ffprobe', input)
      expect(probe.durationSeconds).toBeGreaterThan(12.5)
      expect(probe.audioClaimSeconds).toBeGreaterThan(10.8)
      expect(probe.audioClaimSeconds).toBeLessThan(11.3)

      const run = await runPipelineProcess(makeSpec(join(dir, 'run'), input))
      expect(run.code, run.stderr).toBe(0)
      const warnings = run.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []))
      expect(warnings.filter((w) => w.includes('truncated'))).toEqual([])
      const done = run.events.find((e) => e.type === 'done')
      expect(done && done.type === 'done' ? done.wordCount : 0).toBeGreaterThan(5)
    },
    TIMEOUT
  )
})
