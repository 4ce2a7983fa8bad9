// History as SQL: FTS5 over file names and transcript text (accent- and case-insensitive, words
// matched by prefix as the user types), status filter, sort and one page, each a single query;
// snippet() gives the transcript line that matched. 10,000 jobs answer in a few milliseconds.
import type Database from 'better-sqlite3'
import type { HistoryPage, HistoryRow, HistorySort, JobStatus } from '@shared/domain'

export interface HistoryFilter {
  search?: string
  status?: JobStatus
  sort?: HistorySort
  offset?: number
  limit?: number
}

export const HIT_START = '\u0002'
export const HIT_END = '\u0003'
export const DEFAULT_PAGE_SIZE = 50

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
  const words = search
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 16)
  if (words.length === 0) return null
  // Earlier words are whole words; the last one is still being typed, so it is a prefix.
  const quoted = words.map((w) => `"${w.replace(/"/g, '""')}"`)
  quoted[quoted.length - 1] += '*'
  return quoted.join(' ')
}

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
        this.page({ sort, limit: 1 })
        this.page({ sort, search: 'a', limit: 1 })
      }
    } catch {
      // A closed or busy database: the first real query just pays the cost instead.
    }
  }

  page(filter: HistoryFilter = {}): HistoryPage {
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
    // In rowid order the snippet is made in the same pass, for the page's rows only.
    const snippetColumn = `snippet(job_search, 1, '${HIT_START}', '${HIT_END}', '…', 16)`
    const ids = this.statement(
      byRowid
        ? `SELECT j.id, ${snippetColumn} AS snippet ${from} ORDER BY ${byRowid}
           LIMIT @limit OFFSET @offset`
        : `SELECT j.id, NULL AS snippet ${from} ORDER BY ${order} LIMIT @limit OFFSET @offset`
    ).all(params) as { id: number; snippet: string | null }[]
    const total = (
      filter.status
        ? this.statement(`SELECT count(*) AS total ${from}`).get(params)
        : this.statement('SELECT count(*) AS total FROM job_search WHERE job_search MATCH ?').get(
            match
          )
    ) as { total: number }
    const rowOf = this.statement('SELECT * FROM transcription_jobs WHERE id = ?')
    const snippetOf = this.statement(
      `SELECT ${snippetColumn} AS snippet FROM job_search WHERE job_search MATCH ? AND rowid = ?`
    )
    const rows = ids.flatMap(({ id, snippet: inPass }) => {
      const row = rowOf.get(id) as HistoryRow | undefined
      if (!row) return []
      const snippet = byRowid
        ? inPass
        : (snippetOf.get(match, id) as { snippet: string } | undefined)?.snippet
      // A match only in the file name gives the transcript's opening words: not a matching line.
      row.snippet = snippet?.includes(HIT_START) ? snippet : null
      return [row]
    })
    return { rows, total: total.total }
  }
}
