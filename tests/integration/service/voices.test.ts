// Voice profiles against a real SQLite file: remember a job's speaker, list, rename, delete (the
// embedding goes with it), and the completion step that names a later job's speakers after the
// saved voices: same model only, at or above the threshold, one voice per speaker, in the
// database and in the files on disk.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/core/openDataDir'
import { VoiceRepository } from '../../../src/main/core/voices/voiceRepository'
import { jobSpeakerEmbeddings } from '../../../src/main/core/voices/jobSpeakerEmbeddings'
import { makeTempDir, removeDir } from '../../support/db'
import { completeSpeakerJob, voiceVector } from '../../support/speakerSeed'

let dir: string
let store: Store
let voices: VoiceRepository

beforeEach(() => {
  dir = makeTempDir()
  store = openStore(dir)
  voices = new VoiceRepository(store.db)
})

afterEach(() => {
  store.close()
  removeDir(dir)
})

const count = (sql: string): number => (store.db.prepare(sql).get() as { n: number }).n

/** Job "first" heard S1 on axis 0 and S2 on axis 1; S2 is remembered as Alice. */
function rememberAlice(): number {
  const first = completeSpeakerJob(store, {
    filename: 'first.wav',
    outDir: join(dir, 'out'),
    embeddings: { S1: voiceVector(0), S2: voiceVector(1) }
  })
  voices.remember(first.id, 'S2', 'Alice')
  return first.id
}

const namesOf = (id: number): string[] =>
  (store.transcripts.original(id)?.speakers ?? []).map((s) => s.name)

describe('saved voices', () => {
  it('remembers, lists, renames and deletes a voice; deleting removes its embedding', () => {
    rememberAlice()
    expect(voices.list().map((v) => [v.name, v.model])).toEqual([['Alice', 'test-embedding']])
    const [alice] = voices.list()
    expect(voices.rename(alice.id, '  Alice Smith ').name).toBe('Alice Smith')
    expect(voices.byName('alice smith')?.id).toBe(alice.id)
    expect(voices.delete(alice.id)).toBe(true)
    expect(voices.list()).toEqual([])
    expect(count('SELECT count(*) AS n FROM voices')).toBe(0)
    expect(voices.delete(alice.id)).toBe(false)
  })

  it('refuses a duplicate name and a speaker with no embedding, each with one line', () => {
    const first = rememberAlice()
    const bob = voices.remember(first, 'S1', 'Bob')
    expect(() => voices.rename(bob.id, 'ALICE')).toThrow(/^a voice named “ALICE” already exists$/)
    expect(() => voices.remember(first, 'S9', 'Carol')).toThrow(
      `job ${first} kept no voice print for S9: nothing to remember`
    )
    // The same name again (any case) takes the newer embedding; still one Alice.
    voices.remember(first, 'S1', 'alice')
    expect(voices.list().map((v) => v.name)).toEqual(['alice', 'Bob'])
  })

  it("drops a job's speaker embeddings with the job", () => {
    const first = rememberAlice()
    expect(jobSpeakerEmbeddings(store.db, first).map((e) => e.speakerId)).toEqual(['S1', 'S2'])
    expect(store.jobs.deleteJob(first)).toBe(true)
    expect(count('SELECT count(*) AS n FROM job_speaker_embeddings')).toBe(0)
    // The remembered voice is the user's: it stays.
    expect(voices.list().map((v) => v.name)).toEqual(['Alice'])
  })
})

describe('naming a completed job after saved voices', () => {
  it('names the matching speaker in the database and in every file on disk', () => {
    rememberAlice()
    const second = completeSpeakerJob(store, {
      filename: 'second.wav',
      outDir: join(dir, 'out'),
      // S1 is Alice's voice heard again (cosine 0.955); S2 is someone new.
      embeddings: { S1: voiceVector(1, 2, 0.3), S2: voiceVector(3) }
    })
    expect(namesOf(second.id)).toEqual(['Alice', 'Speaker 2'])
    const file = (format: string): string => readFileSync(second.outputs[format as 'txt']!, 'utf8')
    expect(file('srt')).toContain('Alice: Good morning')
    expect(file('vtt')).toContain('<v Alice>Good morning')
    expect(file('txt')).toContain('Alice: Good morning')
    expect(file('txt')).toContain('Speaker 2: Thank you for having me. It is a real pleasure.')
    expect(JSON.parse(file('json')).speakers).toEqual([
      { id: 'S1', name: 'Alice' },
      { id: 'S2', name: 'Speaker 2' }
    ])
    // History search finds the speaker's name.
    expect(store.history.rows({ search: 'alice' }).rows.map((j) => j.id)).toEqual([second.id])
  })

  it('names them when the user did not ask for json (the json read, then removed)', () => {
    rememberAlice()
    const srtOnly = completeSpeakerJob(store, {
      filename: 'srt-only.wav',
      outDir: join(dir, 'srt-only'),
      formats: ['srt'],
      embeddings: { S1: voiceVector(3), S2: voiceVector(1) }
    })
    expect(Object.keys(srtOnly.outputs)).toEqual(['srt'])
    expect(existsSync(join(dir, 'srt-only', 'srt-only.json'))).toBe(false)
    expect(namesOf(srtOnly.id)).toEqual(['Speaker 1', 'Alice'])
    expect(readFileSync(srtOnly.outputs.srt as string, 'utf8')).toContain('Alice: Thank you')
  })

  it('names nothing below the threshold or across embedding models', () => {
    rememberAlice()
    store.settings.set({ ...store.settings.get(), voiceMatchThreshold: 0.99 })
    const below = completeSpeakerJob(store, {
      filename: 'below.wav',
      outDir: join(dir, 'out'),
      embeddings: { S1: voiceVector(1, 2, 0.3), S2: voiceVector(3) }
    })
    expect(namesOf(below.id)).toEqual(['Speaker 1', 'Speaker 2'])
    const otherModel = completeSpeakerJob(store, {
      filename: 'other-model.wav',
      outDir: join(dir, 'out'),
      model: 'another-embedding',
      embeddings: { S1: voiceVector(1), S2: voiceVector(3) }
    })
    expect(namesOf(otherModel.id)).toEqual(['Speaker 1', 'Speaker 2'])
  })

  it('gives a voice to one speaker only: the closer of two', () => {
    rememberAlice()
    const both = completeSpeakerJob(store, {
      filename: 'both.wav',
      outDir: join(dir, 'out'),
      embeddings: { S1: voiceVector(1, 2, 0.5), S2: voiceVector(1, 2, 0.2) }
    })
    expect(namesOf(both.id)).toEqual(['Speaker 1', 'Alice'])
  })
})
