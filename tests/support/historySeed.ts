// Many finished jobs with real transcripts, written through the real repositories (so the FTS
// triggers index them exactly as in use): for History's scale tests and its benchmark.
import type Database from 'better-sqlite3'
import type { Segment, Transcript } from '@shared/transcript'
import { JobRepository } from '../../src/main/core/db/jobRepository'
import { TranscriptRepository } from '../../src/main/core/transcripts/transcriptRepository'
import { sampleJob } from './db'

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which ' +
  'but have an they you were her she there been one all we their has would when if so no what ' +
  'meeting budget interview river garden letter morning evening station village market winter'
).split(' ')

/** A word that appears in exactly one generated transcript: `needle` + the job's index. */
export const needleFor = (i: number): string => `zebrafinch${i}`

function sentence(seed: number, length: number): string {
  let x = seed
  const out: string[] = []
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff
    out.push(WORDS[x % WORDS.length])
  }
  return out.join(' ')
}

function segments(i: number): Segment[] {
  return Array.from({ length: 6 }, (_, k) => {
    const text =
      k === 3
        ? `${sentence(i * 7 + k, 8)} ${needleFor(i)} ${sentence(i + k, 5)}`
        : sentence(i * 7 + k, 14)
    const words = text
      .split(' ')
      .map((word, w) => ({ word, start: k * 6 + w * 0.4, end: k * 6 + w * 0.4 + 0.35 }))
    return { start: k * 6, end: words[words.length - 1].end, text, words }
  })
}

/** Inserts `count` completed jobs (one transaction); returns their ids in insertion order. */
export function seedHistory(db: Database.Database, count: number): number[] {
  const jobs = new JobRepository(db)
  const transcripts = new TranscriptRepository(db)
  const ids: number[] = []
  const base = Date.now() - count * 60_000
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const filename = `recording-${String(i).padStart(5, '0')}-${i % 3 === 0 ? 'Café' : 'office'}.wav`
      const { id } = jobs.createJob(
        sampleJob({
          filename,
          original_path: `/seed/${filename}`,
          duration_seconds: 30 + (i % 600),
          processes: 1,
          formats: 'txt'
        }),
        base + i * 60_000
      )
      jobs.startJob(id)
      jobs.completeJob(id, {})
      transcripts.storeOriginal(id, { durationSeconds: 36, segments: segments(i) })
      ids.push(id)
    }
  })()
  return ids
}

/**
 * One long transcript, in lines of 20 words from 7 (so 'river' is every 7th word: a frequent word
 * whose hits grow with the length); its very last word is 'zebrafinch' (a rare word at the end).
 */
export function longTranscript(words: number): Transcript {
  const vocabulary = ['the', 'river', 'morning', 'budget', 'garden', 'we', 'went']
  const lines = words / 20
  const segments = Array.from({ length: lines }, (_, s) => {
    const line = Array.from({ length: 20 }, (_, i) => vocabulary[(s * 20 + i) % 7])
    if (s === lines - 1) line[19] = 'zebrafinch'
    return { start: s, end: s + 1, text: line.join(' '), words: [] }
  })
  return { durationSeconds: lines, segments }
}
