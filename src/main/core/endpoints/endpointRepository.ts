// Saved endpoints (Settings → Endpoints) in the `endpoints` table; their keys are in a SecretStore
// under `endpoint-<id>`, so the database never holds one.
import Database from 'better-sqlite3'
import {
  withEndpointScheme,
  type EndpointChange,
  type NewEndpoint,
  type SavedEndpoint
} from '@shared/endpoints'

interface EndpointDbRow {
  id: number
  base_url: string
  model: string
  concurrency: number
  timeout_seconds: number | null
  has_key: 0 | 1
  enabled: 0 | 1
}

const toSaved = (r: EndpointDbRow): SavedEndpoint => ({
  id: r.id,
  baseUrl: r.base_url,
  model: r.model,
  concurrency: r.concurrency,
  timeoutSeconds: r.timeout_seconds,
  hasKey: r.has_key === 1,
  enabled: r.enabled === 1
})

export const keyRefOf = (id: number): string => `endpoint-${id}`

export class EndpointRepository {
  constructor(private readonly db: Database.Database) {}

  list(): SavedEndpoint[] {
    return (this.db.prepare('SELECT * FROM endpoints ORDER BY id').all() as EndpointDbRow[]).map(
      toSaved
    )
  }

  get(id: number): SavedEndpoint | null {
    const row = this.db.prepare('SELECT * FROM endpoints WHERE id = ?').get(id) as
      EndpointDbRow | undefined
    return row ? toSaved(row) : null
  }

  add(e: Omit<NewEndpoint, 'apiKey'>, hasKey: boolean): SavedEndpoint {
    const row = this.db
      .prepare(
        `INSERT INTO endpoints (base_url, model, concurrency, timeout_seconds, has_key, created_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING *`
      )
      .get(
        withEndpointScheme(e.baseUrl),
        e.model,
        e.concurrency,
        e.timeoutSeconds ?? null,
        hasKey ? 1 : 0,
        Date.now()
      ) as EndpointDbRow
    return toSaved(row)
  }

  /** Changes the fields given (the key is the SecretStore's; only whether there is one is here). */
  update(change: Omit<EndpointChange, 'apiKey'>, hasKey?: boolean): SavedEndpoint | null {
    const columns: [string, unknown][] = [
      ['base_url', change.baseUrl === undefined ? undefined : withEndpointScheme(change.baseUrl)],
      ['model', change.model],
      ['concurrency', change.concurrency],
      ['timeout_seconds', change.timeoutSeconds],
      ['has_key', hasKey === undefined ? undefined : hasKey ? 1 : 0],
      ['enabled', change.enabled === undefined ? undefined : change.enabled ? 1 : 0]
    ]
    const set = columns.filter(([, v]) => v !== undefined)
    if (set.length > 0)
      this.db
        .prepare(`UPDATE endpoints SET ${set.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
        .run(...set.map(([, v]) => v), change.id)
    return this.get(change.id)
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM endpoints WHERE id = ?').run(id).changes > 0
  }
}

/** Saved endpoints read without creating or migrating anything (for `doctor`); [] when none. */
export function readSavedEndpoints(dbPath: string): SavedEndpoint[] {
  let db: Database.Database | null = null
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: 5000 })
    return new EndpointRepository(db).list()
  } catch {
    return []
  } finally {
    db?.close()
  }
}
