// Settings as one JSON value per key in the `settings` table. Reading never fails: each stored
// value is checked on its own and a bad one falls back to its default, so one corrupt key (or a
// key from an older/newer version) cannot take the others, or the app, down with it.
import type Database from 'better-sqlite3'
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '@shared/domain'

type SettingKey = keyof Settings
const KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[]

/** One line: "processes: Too big: expected number to be <=64". */
function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const where = issue.path.map(String).join('.')
  return where ? `${where}: ${issue.message}` : issue.message
}

export class SettingsStore {
  private readonly selectAll: Database.Statement
  private readonly writeAll: Database.Transaction<(next: Settings) => void>

  constructor(db: Database.Database) {
    this.selectAll = db.prepare('SELECT key, value FROM settings')
    const upsert = db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`
    )
    this.writeAll = db.transaction((next: Settings) => {
      const now = Date.now()
      for (const key of KEYS) upsert.run(key, JSON.stringify(next[key]), now)
    })
  }

  get(): Settings {
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS }
    for (const row of this.selectAll.all() as { key: string; value: string }[]) {
      if (!(KEYS as string[]).includes(row.key)) continue
      const field = SettingsSchema.shape[row.key as SettingKey]
      let parsed: unknown
      try {
        parsed = JSON.parse(row.value)
      } catch {
        continue
      }
      const checked = field.safeParse(parsed)
      if (checked.success) merged[row.key] = checked.data
    }
    const whole = SettingsSchema.safeParse(merged)
    if (whole.success) return whole.data
    // Each value is fine alone but they conflict (e.g. overlap vs chunk): reset the keys named.
    for (const issue of whole.error.issues) {
      const key = issue.path[0]
      if (typeof key === 'string' && key in DEFAULT_SETTINGS) {
        merged[key] = DEFAULT_SETTINGS[key as SettingKey]
      }
    }
    const retried = SettingsSchema.safeParse(merged)
    return retried.success ? retried.data : { ...DEFAULT_SETTINGS }
  }

  /** Validates and stores every key; throws an Error with a one-line reason and stores nothing. */
  set(next: Settings): Settings {
    const checked = SettingsSchema.safeParse(next)
    if (!checked.success) {
      throw new Error(`invalid settings: ${checked.error.issues.map(describeIssue).join('; ')}`)
    }
    this.writeAll(checked.data)
    return this.get()
  }
}
