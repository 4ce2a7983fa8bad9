// Voices the user asked to remember (the `voices` table, migrations/0009_speakers.sql): a name and
// the centroid embedding of the speaker it was remembered from. Deleting a voice deletes its
// embedding with it (the row is the only copy); nothing here ever leaves the machine.
import type Database from 'better-sqlite3'
import { sameVoiceName, type Voice } from '@shared/voices'
import { jobSpeakerEmbedding, embeddingOf } from './jobSpeakerEmbeddings'

interface Row {
  id: number
  name: string
  model: string
  created_at: number
}

export interface VoicePrint {
  name: string
  model: string
  embedding: Float32Array
}

const toVoice = (r: Row): Voice => ({
  id: r.id,
  name: r.name,
  model: r.model,
  createdAt: r.created_at
})

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export class VoiceRepository {
  constructor(private readonly db: Database.Database) {}

  list(): Voice[] {
    const rows = this.db
      .prepare('SELECT id, name, model, created_at FROM voices ORDER BY name COLLATE NOCASE, id')
      .all() as Row[]
    return rows.map(toVoice)
  }

  /** Every voice with its embedding, for matching a finished job's speakers. */
  prints(): VoicePrint[] {
    const rows = this.db.prepare('SELECT name, model, embedding FROM voices').all() as {
      name: string
      model: string
      embedding: Buffer
    }[]
    return rows.map((r) => ({ name: r.name, model: r.model, embedding: embeddingOf(r.embedding) }))
  }

  /**
   * Remembers a job's speaker under `name`. A name already saved (any case) takes the new
   * embedding: the user said this is that voice again, as it sounds now.
   */
  remember(jobId: number, speakerId: string, name: string, now = Date.now()): Voice {
    const heard = jobSpeakerEmbedding(this.db, jobId, speakerId)
    if (!heard)
      throw new Error(`job ${jobId} kept no voice print for ${speakerId}: nothing to remember`)
    const blob = Buffer.from(
      heard.embedding.buffer,
      heard.embedding.byteOffset,
      heard.embedding.byteLength
    )
    const row = this.db
      .prepare(
        `INSERT INTO voices (name, model, embedding, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, model = excluded.model,
           embedding = excluded.embedding, created_at = excluded.created_at
         RETURNING id, name, model, created_at`
      )
      .get(name.trim(), heard.model, blob, now) as Row
    return toVoice(row)
  }

  rename(id: number, name: string): Voice {
    let row: Row | undefined
    try {
      row = this.db
        .prepare('UPDATE voices SET name = ? WHERE id = ? RETURNING id, name, model, created_at')
        .get(name.trim(), id) as Row | undefined
    } catch (error) {
      if (isUniqueViolation(error)) throw new Error(`a voice named “${name.trim()}” already exists`)
      throw error
    }
    if (!row) throw new Error(`voice ${id} does not exist`)
    return toVoice(row)
  }

  /** Removes the voice and its embedding; false when there was no such voice. */
  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM voices WHERE id = ?').run(id).changes === 1
  }

  byName(name: string): Voice | null {
    return this.list().find((voice) => sameVoiceName(voice.name, name)) ?? null
  }
}
