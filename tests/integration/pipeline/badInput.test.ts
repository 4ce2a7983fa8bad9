// Every bad input ends with ONE error event carrying a one-line reason, a non-zero exit, and no
// temp dir left behind; the good-but-odd inputs (0.2 s, silence, strange names) succeed.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wordErrorRate } from '../../support/wer'
import {
  clipReference,
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
const SAID = clipReference(CLIP) // "he was not an ill disposed young man"
/** pocketsphinx's word error rate on this clip is 0.25 ("he was not an illness those young man"). */
const MAX_WER = 0.5
let dir: string

beforeAll(() => {
  dir = tempDir()
})
afterAll(() => removeDir(dir))

function warnings(run: PipelineRun): string[] {
  return run.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []))
}

function expectOneError(run: PipelineRun, pattern: RegExp): void {
  expect(run.code, run.stderr).not.toBe(0)
  expect(run.errors).toHaveLength(1)
  expect(run.errors[0]).toMatch(pattern)
  expect(run.errors[0]).not.toContain('\n')
  expect(run.events.some((e) => e.type === 'done')).toBe(false)
}

async function failing(
  name: string,
  input: string,
  pattern: RegExp,
  overrides = {}
): Promise<void> {
  const spec = makeSpec(join(dir, name), input, overrides)
  const run = await runPipelineProcess(spec)
  expectOneError(run, pattern)
  expect(existsSync(spec.tempDir)).toBe(false)
  expect(existsSync(join(spec.outputDir, 'transcript.txt'))).toBe(false)
}

// Each case is its own input and folder, and most of a refusal is waiting for a process to
// start: they run at once.
describe.concurrent('pipeline: bad input gets one clear reason', () => {
  it('empty file', async () => {
    const input = join(dir, 'empty.mp3')
    writeFileSync(input, '')
    await failing('empty', input, /^file is empty: empty\.mp3$/)
  })

  it('text renamed .mp3', async () => {
    const input = join(dir, 'notes.mp3')
    writeFileSync(input, 'this is not audio, just some text\n'.repeat(20))
    await failing('text', input, /^not an audio or video file: notes\.mp3 \(ffprobe: .+\)$/)
  })

  it('truncated WAV: header only', async () => {
    const input = join(dir, 'header-only.wav')
    writeFileSync(input, readFileSync(CLIP).subarray(0, 40))
    await failing('header', input, /^not an audio or video file: header-only\.wav \(ffprobe: .+\)$/)
  })

  it('video with no audio stream', async () => {
    const input = join(dir, 'silent-video.mp4')
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc=duration=1:size=160x120:rate=10', input])
    await failing('video', input, /^video has no audio stream: silent-video\.mp4$/)
  })

  it('missing file', async () => {
    await failing('missing', join(dir, 'nope.wav'), /^file not found: .*nope\.wav$/)
  })

  it('a directory', async () => {
    const input = join(dir, 'a-directory.wav')
    mkdirSync(input)
    await failing('directory', input, /^is a directory, not a file: /)
  })

  it('missing model: whisper (bundled) with no model installed fails at once, saying how to get one', async () => {
    const started = Date.now()
    await failing(
      'whisper',
      CLIP,
      /whisper model 'base\.en' not found: run `transcriptor models pull base\.en`/,
      {
        engine: 'whisper'
      }
    )
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('output directory not writable (a path under a regular file)', async () => {
    const blocker = join(dir, 'i-am-a-file')
    writeFileSync(blocker, 'x')
    await failing('outdir', CLIP, /^cannot create output directory .*i-am-a-file\/out: /, {
      outputDir: join(blocker, 'out')
    })
  })

  it('an engine that crashes on a chunk is retried once, then fails with its own stderr', async () => {
    const brokenModel = join(dir, 'empty-acoustic-model')
    mkdirSync(brokenModel)
    const spec = makeSpec(join(dir, 'crash'), CLIP, { model: brokenModel })
    const run = await runPipelineProcess(spec)
    expectOneError(run, /^engine pocketsphinx crashed on chunk 1: ERROR: .*acoustic model/)
    expect(run.stdout.match(/retrying once/g)).toHaveLength(1)
    expect(existsSync(spec.tempDir)).toBe(false)
  })

  it('an unreadable file', async () => {
    const input = join(dir, 'secret.wav')
    copyFileSync(CLIP, input)
    chmodSync(input, 0o000)
    const spec = makeSpec(join(dir, 'unreadable'), input)
    // Root reads anything regardless of mode bits, so as root the pipeline runs as `nobody`
    // (a real permission check, not a simulation); otherwise as ourselves.
    const asRoot = process.getuid?.() === 0
    if (asRoot) {
      chmodSync(dir, 0o777)
      mkdirSync(join(dir, 'unreadable'), { mode: 0o777 })
      chmodSync(join(dir, 'unreadable'), 0o777)
    }
    const run = await runPipelineProcess(spec, asRoot ? { uid: 65534, gid: 65534 } : {})
    expectOneError(run, /^cannot read .*secret\.wav: permission denied$/)
    expect(existsSync(spec.tempDir)).toBe(false)
  })
})

// Side by side too (and beside the refusals above): each case makes its own input under its own
// name and has its own output folder; most of a case is a pipeline and its engine starting.
describe.concurrent('pipeline: odd but valid input succeeds', () => {
  it('0.2 s of audio', async () => {
    const input = join(dir, 'short.wav')
    ffmpeg(['-i', CLIP, '-t', '0.2', input])
    const spec = makeSpec(join(dir, 'short'), input)
    const run = await runPipelineProcess(spec)
    expect(run.code, run.stderr).toBe(0)
    expect(run.errors).toEqual([])
    expect(run.events.at(-1)?.type).toBe('done')
    expect(existsSync(join(spec.outputDir, 'transcript.vtt'))).toBe(true)
    expect(existsSync(spec.tempDir)).toBe(false)
  })

  it('only silence: an empty transcript, with the warning "no speech found"', async () => {
    const input = join(dir, 'silence.flac')
    ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=stereo', '-t', '4', input])
    const spec = makeSpec(join(dir, 'silence'), input)
    const run = await runPipelineProcess(spec)
    expect(run.code, run.stderr).toBe(0)
    expect(run.events.find((e) => e.type === 'done')).toMatchObject({ wordCount: 0 })
    // The plain text names the silent stretch; subtitles get no cue over silence.
    expect(transcriptText(spec)).toBe('[no speech 0:00–0:04]\n')
    expect(readFileSync(join(spec.outputDir, 'transcript.vtt'), 'utf8')).toBe('WEBVTT\n')
    expect(warnings(run)).toEqual(['no speech found'])
  })

  it('10 minutes of silence in the middle: the words around it, and the silent stretch named', async () => {
    const input = join(dir, 'long-pause.wav')
    ffmpeg([
      '-i', CLIP, '-f', 'lavfi', '-t', '600', '-i', 'anullsrc=r=16000:cl=mono', '-i', CLIP,
      '-filter_complex', '[0:a]aformat=sample_rates=16000:channel_layouts=mono[a];' +
        '[2:a]aformat=sample_rates=16000:channel_layouts=mono[c];[a][1:a][c]concat=n=3:v=0:a=1',
      input
    ]) // prettier-ignore
    const spec = makeSpec(join(dir, 'pause'), input)
    const run = await runPipelineProcess(spec)
    expect(run.code, run.stderr).toBe(0)
    // The clip before the pause and the clip after it, both, around a line naming the pause.
    const text = transcriptText(spec)
    expect(text).toMatch(/^\[no speech 0:0\d–10:0\d\]$/m)
    const wer = wordErrorRate(`${SAID} ${SAID}`, text.replace(/^\[no speech .*\]$/gm, ''))
    console.log(`long pause: WER ${wer.toFixed(2)}`)
    expect(wer).toBeLessThanOrEqual(MAX_WER)
    expect(warnings(run)).toHaveLength(1)
    expect(warnings(run)[0]).toMatch(/^no speech found in 0:0\d–10:0\d$/)
    // The silent stretch was not sent to the engine at all: only the speech around it was.
    const cuts =
      /([\d.]+) s to the engine, \d+ gap\(s\) without speech \(([\d.]+) s\) not sent/.exec(
        run.stdout
      )
    expect(Number(cuts?.[1])).toBeLessThan(15)
    expect(Number(cuts?.[2])).toBeGreaterThan(590)
  }, 300_000)

  it('truncated WAV with some audio: transcribes what is there', async () => {
    const input = join(dir, 'cut-short.wav')
    writeFileSync(input, readFileSync(CLIP).subarray(0, 44 + 32000 * 2)) // header claims 3 s, 2 s present
    // The same two seconds as a well-formed file: what is there, transcribed as any file would be.
    const whole = join(dir, 'first-2-s.wav')
    ffmpeg(['-i', CLIP, '-t', '2', whole])
    const [spec, wholeSpec] = [
      makeSpec(join(dir, 'cut'), input),
      makeSpec(join(dir, 'cut-whole'), whole)
    ]
    const [run, wholeRun] = await Promise.all([
      runPipelineProcess(spec),
      runPipelineProcess(wholeSpec)
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(wholeRun.code, wholeRun.stderr).toBe(0)
    const text = transcriptText(spec)
    expect(wordErrorRate(transcriptText(wholeSpec), text)).toBe(0)
    // And it is the start of what the clip says.
    const words = text.trim().split(/\s+/).length
    const wer = wordErrorRate(SAID.split(' ').slice(0, words).join(' '), text)
    console.log(
      `truncated WAV: "${text.trim()}", WER ${wer.toFixed(2)} against the clip's first ${words} words`
    )
    expect(wer).toBeLessThanOrEqual(MAX_WER)
  })

  it('truncated download: decoded far less than the header claims, said in a warning', async () => {
    const input = join(dir, 'truncated-download.wav')
    const clip = readFileSync(CLIP)
    writeFileSync(input, clip.subarray(0, 44 + 3200)) // header claims the whole clip, 0.1 s present
    const spec = makeSpec(join(dir, 'truncated'), input)
    const run = await runPipelineProcess(spec)
    expect(run.code, run.stderr).toBe(0)
    const claimed = (clip.length - 44) / 32000
    expect(warnings(run)).toContain(`decoded 0.1 s of ${claimed.toFixed(1)} s: file truncated?`)
  })

  it('truncated MP3: the same warning from the length its header claims', async () => {
    const full = join(dir, 'full.mp3')
    ffmpeg(['-i', CLIP, '-b:a', '64k', full])
    const input = join(dir, 'truncated-download.mp3')
    writeFileSync(input, readFileSync(full).subarray(0, 2000))
    const spec = makeSpec(join(dir, 'truncated-mp3'), input)
    const run = await runPipelineProcess(spec)
    expect(run.code, run.stderr).toBe(0)
    expect(warnings(run).join('; ')).toMatch(/^decoded 0\.\d s of 3\.\d s: file truncated\?/)
  })

  it('file names with spaces, quotes, $(…), unicode and a leading dash are never interpreted', async () => {
    // Every hazard in one name (a pipeline run each costs a pocketsphinx model load): it starts
    // with a dash, as an option would, and holds what a shell or a split on spaces would act on.
    const name =
      '-leading dash sp ace "double" \'single\' $(touch PWNED) `touch PWNED2` ünïcödé 日本語 🎙.wav'
    const input = join(dir, name)
    copyFileSync(CLIP, input)
    const baseName = name.replace(/\.wav$/, '')
    const spec = makeSpec(join(dir, 'names'), input, { outputBaseName: baseName })
    const run = await runPipelineProcess(spec, { cwd: dir })
    expect(run.code, `${name}: ${run.stderr}`).toBe(0)
    const wer = wordErrorRate(SAID, transcriptText(spec))
    console.log(`${name}: WER ${wer.toFixed(2)}`)
    expect(wer, name).toBeLessThanOrEqual(MAX_WER)
    expect(existsSync(join(dir, 'PWNED'))).toBe(false)
    expect(existsSync(join(dir, 'PWNED2'))).toBe(false)
    for (const format of ['srt', 'vtt', 'json']) {
      expect(existsSync(join(spec.outputDir, `${baseName}.${format}`)), format).toBe(true)
    }
  })
})
