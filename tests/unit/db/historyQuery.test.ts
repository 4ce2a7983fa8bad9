// History in SQL: FTS5 over names and transcripts (accent- and case-insensitive, prefix as you
// type), the snippet of the matching line, filter, sort and paging; triggers keep it in step.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { HistoryQuery, HIT_END, HIT_START, ftsQuery } from '../../../src/main/core/db/historyQuery'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { TranscriptRepository } from '../../../src/main/core/transcripts/transcriptRepository'
import { createTempDatabase, sampleJob, type TempDatabase } from '../../support/db'
import { needleFor, seedHistory } from '../../support/historySeed'

let temp: TempDatabase
let history: HistoryQuery
beforeEach(() => {
  temp = createTempDatabase()
  history = new HistoryQuery(temp.db)
})
afterEach(() => temp.cleanup())

const line = (text: string) => ({
  durationSeconds: 1,
  segments: [{ start: 0, end: 1, text, words: [] }]
})

describe('history search', () => {
  test('finds a job by a word of its transcript and shows the matching line', () => {
    const jobs = new JobRepository(temp.db)
    const transcripts = new TranscriptRepository(temp.db)
    const a = jobs.createJob(sampleJob({ filename: 'interview.wav' })).id
    const b = jobs.createJob(sampleJob({ filename: 'lecture.wav' })).id
    transcripts.storeOriginal(a, line('We met at the Café on the river bank'))
    transcripts.storeOriginal(b, line('nothing to see here'))
    const page = history.page({ search: 'cafe' })
    expect(page.rows.map((r) => r.id)).toEqual([a])
    expect(page.rows[0].snippet).toContain(`${HIT_START}Café${HIT_END}`)
    // Prefix while typing, case-insensitive, accents folded both ways.
    expect(history.page({ search: 'RIV' }).rows.map((r) => r.id)).toEqual([a])
    expect(history.page({ search: 'lectu' }).rows).toMatchObject([{ id: b, snippet: null }])
    // An edit is what is searched.
    transcripts.saveEdit(b, line('now it mentions the café too'), null)
    expect(history.page({ search: 'café' }).total).toBe(2)
    // Deleting a job removes it from the index.
    jobs.deleteJob(a)
    expect(history.page({ search: 'river' }).total).toBe(0)
  })

  test('any text is a valid query (quotes, operators, stray syntax)', () => {
    for (const s of ['"', 'a AND', 'NEAR(', '*', 'x"y', '-', '(((']) {
      expect(() => history.page({ search: s })).not.toThrow()
    }
    expect(ftsQuery('  ')).toBeNull()
    expect(ftsQuery('Café-au lait')).toBe('"Café" "au" "lait"*')
  })

  test('2,000 jobs: pages, filters and sorts in SQL, fast (bench and e2e take 10,000)', () => {
    const ids = seedHistory(temp.db, 2_000)
    const first = history.page({ limit: 50 })
    expect(first.total).toBe(2_000)
    expect(first.rows).toHaveLength(50)
    expect(first.rows[0].id).toBe(ids[ids.length - 1])
    expect(history.page({ sort: 'oldest', limit: 1 }).rows[0].id).toBe(ids[0])
    expect(history.page({ sort: 'name', offset: 1_999 }).rows).toHaveLength(1)
    expect(history.page({ search: needleFor(1234) }).rows.map((r) => r.filename)).toEqual([
      'recording-01234-office.wav'
    ])
    expect(history.page({ search: 'cafe', limit: 1 }).total).toBe(667)
    expect(history.page({ search: 'cafe', offset: 667 })).toEqual({ rows: [], total: 667 })
    expect(history.page({ status: 'failed' }).total).toBe(0)
    const timings: number[] = []
    for (const search of [undefined, needleFor(77), 'cafe', 'recording-09', 'morning']) {
      const t = performance.now()
      history.page({ search, limit: 50 })
      timings.push(performance.now() - t)
    }
    // A loose bound: this machine is shared; LIKE over the same rows takes hundreds of ms.
    expect(timings.sort((a, b) => a - b)[2]).toBeLessThan(100)
  }, 60_000)
})
