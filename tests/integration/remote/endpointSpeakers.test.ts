// Speakers an endpoint names in its reply, through the real pipeline process: a loopback server
// answers the words of a 20 s recording of two espeak-ng voices, naming a speaker per segment the
// way speaches and LocalAI do (or per word, or not at all). A job asking for speakers in one chunk
// keeps the server's speakers (the json has them, named Speaker 1, 2, … in order of first
// appearance) and the speaker worker never starts (a job asking for none drops them); a reply
// naming none, or a job of several requests, has them found here, by the worker, with the
// synthetic models of tests/support/speakerModels.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TimedWord, Transcript } from '@shared/transcript'
import { makeSpec, removeDir, runPipelineProcess, tempDir } from '../pipeline/harness'
import { makeSpeakerModels, type SpeakerModels } from '../../support/speakerModels'
import { turnWords, twoVoiceRecording, type Turn } from '../../support/twoVoices'
import {
  startFixedWordsServer,
  type FixedWordsServer,
  type SpeakersIn
} from '../../support/fixedWordsServer'

const SECONDS = 20

let dir: string
let models: SpeakerModels
let recording: { path: string; turns: Turn[] }
const servers: FixedWordsServer[] = []

beforeAll(() => {
  dir = tempDir('transcriptor-endpoint-speakers-')
  models = makeSpeakerModels(join(dir, 'models'))
  recording = twoVoiceRecording(dir, SECONDS, { name: 'two voices.wav' })
})
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  removeDir(dir)
})

/**
 * The recording's words, each turn's named by `labelOf(turn index)` (none: unnamed). The server's
 * labels follow the turns, not the voices, so only speakers kept from the reply can match them.
 */
function wordsNamed(labelOf?: (turn: number) => string): TimedWord[] {
  const words = turnWords(recording.turns)
  if (!labelOf) return words
  const turnOf = (w: TimedWord): number =>
    recording.turns.findIndex((t) => w.start >= t.start && w.start < t.end)
  return words.map((w) => ({ ...w, speaker: labelOf(turnOf(w)) }))
}

async function job(
  name: string,
  words: TimedWord[],
  o: { speakersIn?: SpeakersIn; chunkSeconds?: number; speakers?: 'auto' | 'off' } = {}
) {
  const server = await startFixedWordsServer(words, { speakersIn: o.speakersIn })
  servers.push(server)
  const spec = makeSpec(join(dir, name), recording.path, {
    engine: 'openai',
    endpoints: [{ baseUrl: server.url, model: 'fixed', concurrency: 1 }],
    // One chunk (one request covers the file) unless the case says otherwise.
    chunkSeconds: o.chunkSeconds ?? 240,
    overlapSeconds: 2,
    formats: ['json'],
    speakers: o.speakers ?? 'auto',
    segmentationModel: models.segmentation,
    embeddingModel: models.embedding
  })
  const run = await runPipelineProcess(spec)
  expect(run.code, run.stderr).toBe(0)
  const json = JSON.parse(
    readFileSync(join(spec.outputDir, `${spec.outputBaseName}.json`), 'utf8')
  ) as Transcript
  return { ...run, log: run.stdout + run.stderr, json, spec }
}

const allWords = (t: Transcript): TimedWord[] => t.segments.flatMap((s) => s.words)

/** What shows that the speaker worker ran: its models loaded, its phase, its voices event. */
function workerRan(run: { log: string; events: { type: string; phase?: string }[] }): boolean[] {
  return [
    /speaker models loaded in \d+ ms/.test(run.log),
    run.events.some((e) => e.type === 'progress' && e.phase === 'speakers'),
    run.events.some((e) => e.type === 'speakers')
  ]
}

// Side by side: each case is its own job, server and folder, and none runs the speaker worker, so
// most of a case is its pipeline starting. The worker's cases below run one at a time.
describe.concurrent('speakers named by the endpoint', () => {
  it(
    'are kept, in order of first appearance, and the speaker worker never starts',
    { timeout: 300_000 },
    async () => {
      // Three labels over two voices, the first turn's being the server's "SPEAKER_02".
      const labels = ['SPEAKER_02', 'SPEAKER_00', 'SPEAKER_01']
      const run = await job(
        'named',
        wordsNamed((turn) => labels[turn % 3])
      )
      expect(run.json.speakers).toEqual([
        { id: 'S1', name: 'Speaker 1' },
        { id: 'S2', name: 'Speaker 2' },
        { id: 'S3', name: 'Speaker 3' }
      ])
      const words = allWords(run.json)
      expect(words.map((w) => w.word)).toEqual(turnWords(recording.turns).map((w) => w.word))
      const expected = wordsNamed((turn) => `S${(turn % 3) + 1}`).map((w) => w.speaker)
      expect(words.map((w) => w.speaker)).toEqual(expected)
      for (const s of run.json.segments)
        expect(s.words.every((w) => w.speaker === s.speaker)).toBe(true)
      expect(run.log).toContain('speakers: 3 named by the endpoint; the speaker step does not run')
      expect(run.log).toContain('speakers: 3 in the transcript, as the endpoint named them')
      expect(workerRan(run)).toEqual([false, false, false])
    }
  )

  it('are kept when each word names its own (`speaker_id`)', { timeout: 300_000 }, async () => {
    const run = await job(
      'per-word',
      wordsNamed((turn) => (turn % 2 === 0 ? 'B' : 'A')),
      { speakersIn: 'words' }
    )
    expect(run.json.speakers?.map((s) => s.name)).toEqual(['Speaker 1', 'Speaker 2'])
    expect(allWords(run.json).map((w) => w.speaker)).toEqual(
      wordsNamed((turn) => (turn % 2 === 0 ? 'S1' : 'S2')).map((w) => w.speaker)
    )
    expect(workerRan(run)).toEqual([false, false, false])
  })

  it('are left out of a job that asks for no speakers', { timeout: 300_000 }, async () => {
    const run = await job(
      'off',
      wordsNamed((turn) => `SPEAKER_0${turn % 2}`),
      { speakers: 'off' }
    )
    expect(run.json.speakers).toBeUndefined()
    expect(allWords(run.json).every((w) => w.speaker === undefined)).toBe(true)
    expect(run.json.segments.every((s) => s.speaker === undefined)).toBe(true)
    expect(workerRan(run)).toEqual([false, false, false])
  })
})

describe('speakers the endpoint does not name', () => {
  it('are found here: the speaker worker runs after the reply', { timeout: 300_000 }, async () => {
    const run = await job('unnamed', wordsNamed())
    expect(run.log).toContain('speakers: the endpoint named none; finding them here')
    expect(workerRan(run)).toEqual([true, true, true])
    // The worker tells the two voices apart: A speaks first.
    expect(run.json.speakers?.map((s) => s.id)).toEqual(['S1', 'S2'])
    const turnOf = (w: TimedWord): Turn | undefined =>
      recording.turns.find((t) => w.start >= t.start && w.start < t.end)
    const words = allWords(run.json)
    const agree = words.filter((w) => (turnOf(w)?.speaker === 'A') === (w.speaker === 'S1'))
    expect(agree.length / words.length).toBeGreaterThan(0.9)
  })

  it(
    'are found here when the file takes several requests, whatever the replies name',
    { timeout: 300_000 },
    async () => {
      // Each request's labels are the server's own for that request: they cannot name the job's.
      // The server answers every request alike, so its words fit the shortest chunk.
      const named = wordsNamed((turn) => `SPEAKER_0${turn % 3}`).filter((w) => w.end < 7)
      const run = await job('chunked', named, { chunkSeconds: 8 })
      expect(run.log).toMatch(/→ 3 chunk\(s\)/)
      expect(run.log).not.toContain('named by the endpoint')
      expect(workerRan(run)).toEqual([true, true, true])
      // The speakers are the worker's: the two voices, not the server's three labels.
      expect(run.json.speakers?.map((s) => s.id)).toEqual(['S1', 'S2'])
    }
  )
})
