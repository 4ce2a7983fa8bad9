// Speakers through the CLI, as a user runs it: `transcribe --speakers auto` with the synthetic
// models of tests/support/speakerModels (sherpa-onnx really segments, embeds and clusters) and
// pocketsphinx transcribing. Two espeak-ng voices come out as two speakers on every word (the
// error against the known turns: speakerWorker.test.ts); the constant-embedding control merges
// them (so clustering really ran); one voice is one speaker, silence none; a model with bad
// metadata fails only the speaker step.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ffmpeg, isAlive, removeDir, tempDir } from './harness'
import { makeSpeakerModels, type SpeakerModels } from '../../support/speakerModels'
import { twoVoiceRecording } from '../../support/twoVoices'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')

interface JsonOutput {
  speakers?: { id: string; name: string }[]
  segments: {
    start: number
    end: number
    speaker?: string
    words: { word: string; start: number; end: number; speaker?: string }[]
  }[]
}

let dir: string
let models: SpeakerModels
let twoVoices: { path: string }
beforeAll(() => {
  dir = tempDir('transcriptor-speakers-')
  models = makeSpeakerModels(join(dir, 'models'))
  twoVoices = twoVoiceRecording(dir, 30, { name: 'two voices.wav' })
})
afterAll(() => removeDir(dir))

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, TRANSCRIPTOR_HOME: '' }
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Processes whose command line mentions `text` (the job's data dir: pipeline, workers). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(text) && isAlive(Number(e))
      } catch {
        return false
      }
    })
    .map(Number)
}

/** One CLI job with speakers; the json it wrote and the CLI's output. */
function transcribeWithSpeakers(
  name: string,
  input: string,
  o: { embedding?: string; segmentation?: string; extra?: string[] } = {}
) {
  const dataDir = join(dir, `data-${name}`)
  const out = join(dir, `out-${name}`)
  const run = cli([
    '--data-dir', dataDir, 'transcribe', input,
    '--engine', 'pocketsphinx', '--format', 'json', '--out', out,
    // One chunk: the file is transcribed in one piece (the speakers are found over it anyway).
    '--chunk', '240', '--overlap', '2',
    '--speakers', 'auto',
    '--segmentation-model', o.segmentation ?? models.segmentation,
    '--embedding-model', o.embedding ?? models.embedding,
    ...(o.extra ?? [])
  ]) // prettier-ignore
  const base =
    input
      .split('/')
      .pop()
      ?.replace(/\.[^.]+$/, '') ?? ''
  const json = JSON.parse(readFileSync(join(out, `${base}.json`), 'utf8')) as JsonOutput
  return { run, json, dataDir }
}

const words = (json: JsonOutput) => json.segments.flatMap((s) => s.words)

describe('speakers through the CLI', () => {
  it(
    'gives every word of a 3-minute two-voice recording one of two speakers',
    { timeout: 600_000 },
    () => {
      const long = twoVoiceRecording(dir, 180, { name: 'three minutes.wav' })
      const { run, json, dataDir } = transcribeWithSpeakers('long', long.path)
      expect(run.code, run.stderr).toBe(0)
      expect(json.speakers).toEqual([
        { id: 'S1', name: 'Speaker 1' },
        { id: 'S2', name: 'Speaker 2' }
      ])
      const all = words(json)
      expect(all.length).toBeGreaterThan(200)
      expect(all.every((w) => w.speaker === 'S1' || w.speaker === 'S2')).toBe(true)
      for (const s of json.segments)
        expect(s.words.every((w) => w.speaker === s.speaker)).toBe(true)
      // The diarizer's error against the known turns is measured in speakerWorker.test.ts: here
      // pocketsphinx's word times on this audio are off (its first words land ~30 s late, also
      // without speakers), so a rate over the transcript's segments would score pocketsphinx.
      // jobs show: both speakers with their talk time.
      const show = cli(['--data-dir', dataDir, 'jobs', 'show', '1'])
      expect(show.stdout).toMatch(
        /speakers: +Speaker \d \(S\d\) \d:\d\d, Speaker \d \(S\d\) \d:\d\d/
      )
      expect(processesMentioning(dataDir)).toEqual([])
    }
  )

  it(
    'collapses to one speaker when the embedding cannot tell voices apart (the control)',
    { timeout: 600_000 },
    () => {
      const { run, json } = transcribeWithSpeakers('control', twoVoices.path, {
        embedding: models.constantEmbedding
      })
      expect(run.code, run.stderr).toBe(0)
      expect(json.speakers).toEqual([{ id: 'S1', name: 'Speaker 1' }])
      expect(words(json).every((w) => w.speaker === 'S1')).toBe(true)
    }
  )

  it('finds one speaker in one voice', { timeout: 600_000 }, () => {
    const one = twoVoiceRecording(dir, 30, { name: 'one voice.wav', voices: ['A'] })
    const { run, json } = transcribeWithSpeakers('one', one.path)
    expect(run.code, run.stderr).toBe(0)
    expect(json.speakers).toEqual([{ id: 'S1', name: 'Speaker 1' }])
  })

  it('finds no speaker in silence, without failing', { timeout: 600_000 }, () => {
    const silence = join(dir, 'silence.wav')
    ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '15', silence])
    const { run, json } = transcribeWithSpeakers('silence', silence)
    expect(run.code, run.stderr).toBe(0)
    expect(json.speakers).toBeUndefined()
    expect(run.stderr + run.stdout).not.toMatch(/speakers are missing/)
  })

  it(
    'fails only the speaker step on a model with bad metadata: one line, no process left',
    { timeout: 600_000 },
    () => {
      const { run, json, dataDir } = transcribeWithSpeakers('bad', twoVoices.path, {
        segmentation: models.badMetadata
      })
      expect(run.code, run.stderr).toBe(0)
      expect(words(json).length).toBeGreaterThan(10)
      expect(json.speakers).toBeUndefined()
      expect(run.stdout + run.stderr).toContain(
        'warning: speakers are missing: bad-metadata.onnx cannot be used as a speaker segmentation model: its metadata lacks window_size, num_classes'
      )
      expect(processesMentioning(dataDir)).toEqual([])
    }
  )
})
