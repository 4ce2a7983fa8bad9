// A WAV already in the decoded format (16 kHz mono 16-bit PCM) is used as it is, without ffprobe
// and ffmpeg: the job says so in its log, and its probe and transcript are those of the same
// samples decoded by ffmpeg (here from a lossless FLAC of them). A WAV in another format still goes
// through ffmpeg. Real pipeline processes, real pocketsphinx.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ffmpeg,
  LIBRIVOX,
  makeSpec,
  removeDir,
  runPipelineProcess,
  tempDir,
  transcriptText,
  type PipelineRun
} from './harness'

const CLIP = join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0880.wav')
const PLAIN = /16 kHz mono 16-bit WAV: its samples are used as they are/
let dir: string

beforeAll(() => {
  dir = tempDir('transcriptor-plainwav-')
})
afterAll(() => removeDir(dir))

async function job(name: string, input: string): Promise<{ run: PipelineRun; text: string }> {
  const spec = makeSpec(join(dir, name), input, { vad: 'off' })
  const run = await runPipelineProcess(spec)
  expect(run.code, run.stderr).toBe(0)
  return { run, text: transcriptText(spec) }
}

const probeOf = (run: PipelineRun) => run.events.find((e) => e.type === 'probe')

describe('a WAV in the decoded format', () => {
  it('is read without ffmpeg, with the probe and transcript ffmpeg would have given', async () => {
    const flac = join(dir, 'clip.flac')
    ffmpeg(['-i', CLIP, flac])
    const plain = await job('plain', CLIP)
    const decoded = await job('flac', flac)
    expect(plain.run.stdout).toMatch(PLAIN)
    expect(decoded.run.stdout).not.toMatch(PLAIN)
    expect(plain.text.trim()).not.toBe('')
    expect(plain.text).toBe(decoded.text)
    expect(probeOf(plain.run)).toEqual({ type: 'probe', durationSeconds: 2.99, codec: 'pcm_s16le' })
    expect(probeOf(decoded.run)).toMatchObject({ durationSeconds: 2.99 })
  })

  it('goes through ffmpeg at another sample rate', async () => {
    const wav44 = join(dir, 'clip-44k.wav')
    ffmpeg(['-i', CLIP, '-ar', '44100', wav44])
    const { run, text } = await job('44k', wav44)
    expect(run.stdout).not.toMatch(PLAIN)
    expect(text.trim()).not.toBe('')
  })
})
