// History as SQL: FTS5 over file names and transcript text (accent- and case-insensitive, words
// matched by prefix as the user types), status filter, sort and one page, each a single query;
// then the matching line of each row of the page (./historySnippet), in slices of a few ms of the
// event loop, so a search over huge transcripts never holds the host and a newer search cancels it.
// 10,000 jobs answer in a few milliseconds.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type Database from 'better-sqlite3'
import type { HistoryPage, HistoryRow, HistorySort, JobStatus } from '@shared/domain'
import { hitPattern, snippetOf } from './historySnippet'

export interface HistoryFilter {
  search?: string
  status?: JobStatus
  sort?: HistorySort
  offset?: number
  limit?: number
}

export const DEFAULT_PAGE_SIZE = 50
/**
 * Transcript text read for one page's snippets (characters; 16M is about 3M words, hundreds of
 * hours of speech), a window at a time. A hit beyond it shows its row without a snippet.
 */
const PAGE_SNIPPET_CHARS = 16_000_000
const WINDOW_CHARS = 256_000
/** Snippets made in one go before other requests get a turn (one long row can still take more). */
const TURN_MS = 4
/** The prefix index starts at 2 characters (migrations/0007): a 1-character word is matched whole. */
const MIN_PREFIX_CHARS = 2

/** Thrown into a search that a newer one from the same client replaced. */
export class SearchReplacedError extends Error {
  constructor() {
    super('search replaced by a newer one')
  }
}

const ORDER: Record<HistorySort, string> = {
  newest: 'j.created_at DESC, j.id DESC',
  oldest: 'j.created_at ASC, j.id ASC',
  name: 'j.filename COLLATE NOCASE ASC, j.id ASC',
  longest: 'j.duration_seconds IS NULL, j.duration_seconds DESC, j.id DESC'
}

const FTS_ORDER: Partial<Record<HistorySort, string>> = {
  newest: 's.rowid DESC',
  oldest: 's.rowid ASC'
}

/**
 * The user's words as an FTS5 query: each word a quoted term, all required. Quoting makes
 * every character literal, so no input can be an FTS5 syntax error.
 */
export function ftsQuery(search: string): string | null {
  const words = searchWords(search)
  if (words.length === 0) return null
  // Earlier words are whole words; the last one is still being typed, so it is a prefix. One
  // character is not: every word starting with "a" is most of the index, and no page of them helps.
  const quoted = words.map((w) => `"${w.replace(/"/g, '""')}"`)
  if (isPrefix(words)) quoted[quoted.length - 1] += '*'
  return quoted.join(' ')
}

/** The words of a search as the index splits them (at most 16). */
export function searchWords(search: string): string[] {
  return search
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 16)
}

const isPrefix = (words: string[]): boolean =>
  [...words[words.length - 1]].length >= MIN_PREFIX_CHARS

const codePoints = (text: string): number =>
  text.length - (text.match(/[\uD800-\uDBFF]/g)?.length ?? 0)

export class HistoryQuery {
  private readonly cache = new Map<string, Database.Statement>()

  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let stmt = this.cache.get(sql)
    if (!stmt) {
      stmt = this.db.prepare(sql)
      this.cache.set(sql, stmt)
    }
    return stmt
  }

  /** Prepares the queries and reads the index once (a cold first search is several times slower). */
  warm(): void {
    try {
      for (const sort of ['newest', 'name'] as const) {
        this.rows({ sort, limit: 1 })
        this.rows({ sort, search: 'ab', limit: 1 })
      }
    } catch {
      // A closed or busy database: the first real query just pays the cost instead.
    }
  }

  /**
   * One page of History. The rows come from one bounded query; the snippets follow, giving other
   * requests a turn every few milliseconds, and `signal` (a newer search) stops the rest.
   */
  async page(filter: HistoryFilter = {}, signal?: AbortSignal): Promise<HistoryPage> {
    const page = this.rows(filter)
    const words = filter.search ? searchWords(filter.search) : []
    const pattern = words.length > 0 ? hitPattern(words, isPrefix(words)) : null
    if (!pattern) return page
    const budget = { chars: PAGE_SNIPPET_CHARS }
    // A turn for others after the query itself, then one every TURN_MS.
    let turnStarted = -Infinity
    const breathe = async (): Promise<void> => {
      if (performance.now() - turnStarted > TURN_MS) {
        await nextTurn()
        turnStarted = performance.now()
      }
      if (signal?.aborted) throw new SearchReplacedError()
    }
    for (const row of page.rows) row.snippet = await this.snippet(row.id, pattern, budget, breathe)
    return page
  }

  /**
   * The snippet of one transcript, read window by window (each cut after a space, so no word is
   * split), until the first hit, the transcript's end or the page's budget.
   */
  private async snippet(
    id: number,
    pattern: RegExp,
    budget: { chars: number },
    breathe: () => Promise<void>
  ): Promise<string | null> {
    const window = this.statement(
      'SELECT substr(text, ?, ?) AS text FROM job_transcripts WHERE job_id = ?'
    )
    // SQLite counts characters from 1; JavaScript counts UTF-16 units (2 for an emoji).
    let from = 1
    while (budget.chars > 0) {
      await breathe()
      const want = Math.min(WINDOW_CHARS, budget.chars)
      const part = (window.get(from, want, id) as { text: string } | undefined)?.text ?? ''
      const chars = codePoints(part)
      const last = chars < want
      const cut = last ? part.length : part.search(/\s\S*$/) + 1 || part.length
      const text = part.slice(0, cut)
      const found = snippetOf(text, pattern)
      const used = cut === part.length ? chars : codePoints(text)
      budget.chars -= used
      if (found || last) return found
      from += used
    }
    return null
  }

  /** The page's rows and the total, without snippets (one query each; fast at 10,000 jobs). */
  rows(filter: HistoryFilter = {}): HistoryPage {
    const match = filter.search ? ftsQuery(filter.search) : null
    const order = ORDER[filter.sort ?? 'newest']
    const limit = Math.min(500, Math.max(1, filter.limit ?? DEFAULT_PAGE_SIZE))
    const offset = Math.max(0, filter.offset ?? 0)
    const params = { status: filter.status ?? null, match, limit, offset }
    const statusWhere = '(@status IS NULL OR j.status = @status)'
    if (match === null) {
      const rows = this.statement(
        `SELECT j.*, NULL AS snippet FROM transcription_jobs j WHERE ${statusWhere}
         ORDER BY ${order} LIMIT @limit OFFSET @offset`
      ).all(params) as HistoryRow[]
      const { total } = this.statement(
        `SELECT count(*) AS total FROM transcription_jobs j WHERE ${statusWhere}`
      ).get(params) as { total: number }
      return { rows, total }
    }
    // CROSS JOIN makes SQLite start from the FTS hits; otherwise it may walk the created_at
    // index and run the MATCH once per job (tens of times slower with thousands of hits).
    const from = `FROM job_search s CROSS JOIN transcription_jobs j ON j.id = s.rowid
      WHERE job_search MATCH @match AND ${statusWhere}`
    // Newest/oldest by id (ids grow with creation): the FTS index yields hits in rowid order, so
    // a page needs no sort of every hit. Other orders sort ids and keys only, never whole rows.
    const byRowid = FTS_ORDER[filter.sort ?? 'newest']
    const rows = this.statement(
      `SELECT j.*, NULL AS snippet FROM transcription_jobs j WHERE j.id IN (
         SELECT j.id ${from} ORDER BY ${byRowid ?? order} LIMIT @limit OFFSET @offset)
       ORDER BY ${byRowid ? byRowid.replace('s.rowid', 'j.id') : order}`
    ).all(params) as HistoryRow[]
    const total = (
      filter.status
        ? this.statement(`SELECT count(*) AS total ${from}`).get(params)
        : this.statement('SELECT count(*) AS total FROM job_search WHERE job_search MATCH ?').get(
            match
          )
    ) as { total: number }
    return { rows, total: total.total }
  }
}
