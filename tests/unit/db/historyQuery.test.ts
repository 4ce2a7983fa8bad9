// History in SQL: FTS5 over names and transcripts (accent- and case-insensitive, prefix as you
// type), the snippet of the matching line, filter, sort and paging; triggers keep it in step.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { HistoryQuery, SearchReplacedError, ftsQuery } from '../../../src/main/core/db/historyQuery'
import { HIT_END, HIT_START } from '../../../src/main/core/db/historySnippet'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { TranscriptRepository } from '../../../src/main/core/transcripts/transcriptRepository'
import { createTempDatabase, sampleJob, type TempDatabase } from '../../support/db'
import { longTranscript, needleFor, seedHistory } from '../../support/historySeed'

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

/** A job named `filename` whose transcript is the one line `text`; returns its id. */
function jobSaying(filename: string, text: string): number {
  const id = new JobRepository(temp.db).createJob(sampleJob({ filename })).id
  new TranscriptRepository(temp.db).storeOriginal(id, line(text))
  return id
}

describe('history search', () => {
  test('finds a job by a word of its transcript and shows the matching line', async () => {
    const jobs = new JobRepository(temp.db)
    const transcripts = new TranscriptRepository(temp.db)
    const a = jobSaying('interview.wav', 'We met at the Café on the river bank')
    const b = jobSaying('lecture.wav', 'nothing to see here')
    const page = await history.page({ search: 'cafe' })
    expect(page.rows.map((r) => r.id)).toEqual([a])
    expect(page.rows[0].snippet).toContain(`${HIT_START}Café${HIT_END}`)
    // Prefix while typing, case-insensitive, accents folded both ways.
    expect((await history.page({ search: 'RIV' })).rows.map((r) => r.id)).toEqual([a])
    expect((await history.page({ search: 'lectu' })).rows).toMatchObject([{ id: b, snippet: null }])
    // An edit is what is searched.
    transcripts.saveEdit(b, line('now it mentions the café too'), null)
    expect((await history.page({ search: 'café' })).total).toBe(2)
    // Deleting a job removes it from the index.
    jobs.deleteJob(a)
    expect((await history.page({ search: 'river' })).total).toBe(0)
  })

  test('any text is a valid query (quotes, operators, stray syntax)', async () => {
    for (const s of ['"', 'a AND', 'NEAR(', '*', 'x"y', '-', '(((']) {
      await expect(history.page({ search: s })).resolves.toMatchObject({ total: 0 })
    }
    expect(ftsQuery('  ')).toBeNull()
    expect(ftsQuery('Café-au lait')).toBe('"Café" "au" "lait"*')
  })

  test('2,000 jobs: pages, filters and sorts in SQL, fast (bench and e2e take 10,000)', async () => {
    const ids = seedHistory(temp.db, 2_000)
    const first = await history.page({ limit: 50 })
    expect(first.total).toBe(2_000)
    expect(first.rows).toHaveLength(50)
    expect(first.rows[0].id).toBe(ids[ids.length - 1])
    expect((await history.page({ sort: 'oldest', limit: 1 })).rows[0].id).toBe(ids[0])
    expect((await history.page({ sort: 'name', offset: 1_999 })).rows).toHaveLength(1)
    expect((await history.page({ search: needleFor(1234) })).rows.map((r) => r.filename)).toEqual([
      'recording-01234-office.wav'
    ])
    expect((await history.page({ search: 'cafe', limit: 1 })).total).toBe(667)
    expect(await history.page({ search: 'cafe', offset: 667 })).toEqual({ rows: [], total: 667 })
    expect((await history.page({ status: 'failed' })).total).toBe(0)
    const timings: number[] = []
    for (const search of [undefined, needleFor(77), 'cafe', 'recording-09', 'morning']) {
      const t = performance.now()
      await history.page({ search, limit: 50 })
      timings.push(performance.now() - t)
    }
    // A loose bound: this machine is shared; LIKE over the same rows takes hundreds of ms.
    expect(timings.sort((a, b) => a - b)[2]).toBeLessThan(100)
  }, 60_000)
})

describe('history search over long transcripts', () => {
  test('a frequent word in 300,000 words: the matching line, quickly', async () => {
    const jobs = new JobRepository(temp.db)
    const id = jobs.createJob(sampleJob({ filename: 'long.wav' })).id
    new TranscriptRepository(temp.db).storeOriginal(id, longTranscript(300_000))
    const started = performance.now()
    const page = await history.page({ search: 'river' })
    const ms = performance.now() - started
    expect(page.total).toBe(1)
    // The line (one segment) that holds the first hit, each hit in it marked.
    expect(page.rows[0].snippet).toBe(
      `the ${HIT_START}river${HIT_END} morning budget garden we went the ${HIT_START}river${HIT_END} ` +
        `morning budget garden we went the ${HIT_START}river${HIT_END} morning budget garden we`
    )
    // The last line holds the only hit of a rare word: found at the end of 1.7M characters.
    const rare = await history.page({ search: 'zebrafin' })
    expect(rare.rows[0].snippet).toMatch(new RegExp(`${HIT_START}zebrafinch${HIT_END}$`))
    // FTS5's snippet() scored every pair of the 43,000 hits here: seconds. Loose (shared CPU).
    expect(ms).toBeLessThan(1_000)
  }, 60_000)

  test('hits anywhere in many windows of text with emoji: each found, with its whole line', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line n${i}x says 🎉 hooray 🎉 again`)
    const id = jobSaying('party.wav', lines.join('\n'))
    // Every 97th line: a window read at a wrong offset would skip hundreds of lines at each seam.
    for (let i = 0; i < lines.length; i += 97) {
      const page = await history.page({ search: `n${i}x` })
      expect(page.rows.map((r) => r.id)).toEqual([id])
      expect(page.rows[0].snippet).toBe(`line ${HIT_START}n${i}x${HIT_END} says 🎉 hooray 🎉 again`)
    }
  }, 60_000)

  test('a newer search replaces one still making its snippets', async () => {
    seedHistory(temp.db, 20)
    const newer = new AbortController()
    const replaced = history.page({ search: 'morning' }, newer.signal)
    newer.abort()
    await expect(replaced).rejects.toBeInstanceOf(SearchReplacedError)
    expect((await history.page({ search: 'morning' })).rows.length).toBeGreaterThan(0)
  })

  test('a 1-character word is a whole word, not a prefix of most of the index', async () => {
    expect(ftsQuery('a')).toBe('"a"')
    expect(ftsQuery('ab')).toBe('"ab"*')
    expect(ftsQuery('the a')).toBe('"the" "a"')
    const a = jobSaying('one.wav', 'plan A was a good plan')
    jobSaying('two.wav', 'apples and avocados')
    const page = await history.page({ search: 'A' })
    expect(page.rows.map((r) => r.id)).toEqual([a])
    expect(page.rows[0].snippet).toBe(
      `plan ${HIT_START}A${HIT_END} was ${HIT_START}a${HIT_END} good plan`
    )
  })
})
