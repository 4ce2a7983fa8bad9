// Speakers through the CLI, as a user runs it: `transcribe --speakers auto` with the synthetic
// models of tests/support/speakerModels (sherpa-onnx really segments, embeds and clusters). The
// words come from a loopback OpenAI-compatible server answering known words at known times: over
// three minutes of two espeak-ng voices, each turn's sentence inside that turn, so the json's word
// speakers are scored against the known turns (DER), and the speaker worker starts once the chunks
// are done (its memory never adds to the engine's); pocketsphinx, then the speaker worker, on
// silence. The constant-embedding control merges the voices (so clustering really ran); one voice
// is one speaker, silence none; a model with bad metadata fails only the speaker step.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ffmpeg, isAlive, removeDir, tempDir } from './harness'
import { makeSpeakerModels, type SpeakerModels } from '../../support/speakerModels'
import { SENTENCES, turnWords, twoVoiceRecording, type Turn } from '../../support/twoVoices'
import { wordDiarizationErrorRate } from '../../support/der'
import { startFixedWordsServer, type FixedWordsServer } from '../../support/fixedWordsServer'
import { runCliAsync } from '../../support/cliProcess'
import { jobLogPath } from '../../../src/main/core/paths'

interface JsonOutput {
  speakers?: { id: string; name: string }[]
  segments: {
    start: number
    end: number
    speaker?: string
    words: { word: string; start: number; end: number; speaker?: string }[]
  }[]
}

/** The short recordings' length; the server's words fill it (one every 0.3 s). */
const SECONDS = 20
/** The two-voice recording scored against its turns is as long as the measure. */
const LONG_SECONDS = 180
/** The short recordings' words: their own sentences, 0.2 + 0.3·i to 0.45 + 0.3·i seconds. */
const WORDS = SENTENCES.join(' ')
  .split(' ')
  .slice(0, Math.floor((SECONDS - 0.5) / 0.3))

let dir: string
let models: SpeakerModels
let twoVoices: { path: string; turns: Turn[] }
let server: FixedWordsServer
/** Answers the three-minute recording's words, each inside its turn. */
let turnServer: FixedWordsServer
beforeAll(async () => {
  dir = tempDir('transcriptor-speakers-')
  models = makeSpeakerModels(join(dir, 'models'))
  twoVoices = twoVoiceRecording(dir, LONG_SECONDS, { name: 'two voices.wav' })
  server = await startFixedWordsServer(WORDS)
  turnServer = await startFixedWordsServer(turnWords(twoVoices.turns))
})
afterAll(async () => {
  await server?.close()
  await turnServer?.close()
  removeDir(dir)
})

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

/** One CLI job with speakers (words from the server unless `pocketsphinx`); its json and output. */
async function transcribeWithSpeakers(
  name: string,
  input: string,
  o: {
    embedding?: string
    segmentation?: string
    pocketsphinx?: boolean
    words?: FixedWordsServer
  } = {}
) {
  const dataDir = join(dir, `data-${name}`)
  const out = join(dir, `out-${name}`)
  const engine = o.pocketsphinx
    ? ['--engine', 'pocketsphinx']
    : ['--engine', 'openai', '--endpoint', `${(o.words ?? server).url},model=fixed`]
  const run = await runCliAsync([
    '--data-dir', dataDir, 'transcribe', input, ...engine, '--format', 'json', '--out', out,
    // One chunk: the file is transcribed in one piece (the speakers are found over it anyway).
    '--chunk', '240', '--overlap', '2',
    '--speakers', 'auto',
    '--segmentation-model', o.segmentation ?? models.segmentation,
    '--embedding-model', o.embedding ?? models.embedding
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

/** The json's words as the turns it found: each word, its time, its speaker. */
const wordTurns = (json: JsonOutput): Turn[] =>
  words(json).map((w) => ({ speaker: w.speaker ?? 'none', start: w.start, end: w.end }))

describe('speakers through the CLI', () => {
  it(
    'gives every word of three minutes of two voices a speaker, DER ≤ 8 % against the known turns',
    { timeout: 300_000 },
    async () => {
      const { run, json, dataDir } = await transcribeWithSpeakers('two', twoVoices.path, {
        words: turnServer
      })
      expect(run.code, run.stderr).toBe(0)
      // While the speaker worker runs and no local engine does, the job says it finds speakers (its
      // own phase, not "transcribing"); the line comes once per change, then the transcript ends it.
      const lines = run.stderr.split('\n').filter((l) => l.startsWith('job 1 two voices.wav: '))
      const speakerLines = lines.filter((l) => /: finding speakers \d+%$/.test(l))
      expect(speakerLines[0]).toBe('job 1 two voices.wav: finding speakers 0%')
      expect(new Set(speakerLines).size).toBe(speakerLines.length)
      expect(lines.indexOf(speakerLines[0])).toBeLessThan(
        lines.indexOf('job 1 two voices.wav: transcribing 100%')
      )
      expect(json.speakers).toEqual([
        { id: 'S1', name: 'Speaker 1' },
        { id: 'S2', name: 'Speaker 2' }
      ])
      // The job log: the speaker worker is started after the last chunk is done.
      const log = readFileSync(jobLogPath(dataDir, 1), 'utf8').split('\n')
      const chunkDone = log.findLastIndex((l) => /chunk \d+\/\d+ done/.test(l))
      const workerStarted = log.findIndex((l) => /speaker models loaded in/.test(l))
      expect(chunkDone).toBeGreaterThanOrEqual(0)
      expect(workerStarted).toBeGreaterThan(chunkDone)
      const all = words(json)
      expect(all.map((w) => w.word)).toEqual(turnWords(twoVoices.turns).map((w) => w.word))
      expect(all.every((w) => w.speaker === 'S1' || w.speaker === 'S2')).toBe(true)
      for (const s of json.segments)
        expect(s.words.every((w) => w.speaker === s.speaker)).toBe(true)
      // Voice A speaks first, so it is Speaker 1: the error rate is taken with that naming.
      const named = wordTurns(json).map((t) => ({ ...t, speaker: t.speaker === 'S1' ? 'A' : 'B' }))
      const der = wordDiarizationErrorRate(twoVoices.turns, named)
      process.stdout.write(`speakers through the CLI: DER ${(der * 100).toFixed(1)} % on 3 min\n`)
      expect(der).toBeLessThanOrEqual(0.08)
      // jobs show: both speakers with their talk time.
      const show = await runCliAsync(['--data-dir', dataDir, 'jobs', 'show', '1'])
      expect(show.stdout).toMatch(
        /speakers: +Speaker \d \(S\d\) \d:\d\d, Speaker \d \(S\d\) \d:\d\d/
      )
      expect(processesMentioning(dataDir)).toEqual([])
    }
  )

  it(
    'collapses to one speaker when the embedding cannot tell voices apart (the control)',
    { timeout: 300_000 },
    async () => {
      const { run, json } = await transcribeWithSpeakers('control', twoVoices.path, {
        embedding: models.constantEmbedding,
        words: turnServer
      })
      expect(run.code, run.stderr).toBe(0)
      // The same words over both voices' turns: only the embedding made them one speaker.
      expect(json.speakers).toEqual([{ id: 'S1', name: 'Speaker 1' }])
      expect(words(json)).toHaveLength(turnWords(twoVoices.turns).length)
      expect(words(json).every((w) => w.speaker === 'S1')).toBe(true)
      const der = wordDiarizationErrorRate(twoVoices.turns, wordTurns(json))
      process.stdout.write(`the constant-embedding control: DER ${(der * 100).toFixed(1)} %\n`)
      expect(der).toBeGreaterThan(0.3)
    }
  )

  it('finds one speaker in one voice', { timeout: 300_000 }, async () => {
    const one = twoVoiceRecording(dir, SECONDS, { name: 'one voice.wav', voices: ['A'] })
    const { run, json } = await transcribeWithSpeakers('one', one.path)
    expect(run.code, run.stderr).toBe(0)
    expect(json.speakers).toEqual([{ id: 'S1', name: 'Speaker 1' }])
    expect(words(json).every((w) => w.speaker === 'S1')).toBe(true)
  })

  it(
    'finds no speaker in silence with pocketsphinx, without failing',
    { timeout: 300_000 },
    async () => {
      const silence = join(dir, 'silence.wav')
      ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '10', silence])
      const { run, json, dataDir } = await transcribeWithSpeakers('silence', silence, {
        pocketsphinx: true
      })
      expect(run.code, run.stderr).toBe(0)
      expect(json.speakers).toBeUndefined()
      expect(run.stderr + run.stdout).not.toMatch(/speakers are missing/)
      expect(processesMentioning(dataDir)).toEqual([])
    }
  )

  it(
    'fails only the speaker step on a model with bad metadata: one line, no process left',
    { timeout: 300_000 },
    async () => {
      const { run, json, dataDir } = await transcribeWithSpeakers('bad', twoVoices.path, {
        segmentation: models.badMetadata
      })
      expect(run.code, run.stderr).toBe(0)
      expect(words(json).map((w) => w.word)).toEqual(WORDS)
      expect(json.speakers).toBeUndefined()
      expect(run.stdout + run.stderr).toContain(
        'warning: speakers are missing: bad-metadata.onnx cannot be used as a speaker segmentation model: its metadata lacks window_size, num_classes'
      )
      expect(processesMentioning(dataDir)).toEqual([])
    }
  )
})
