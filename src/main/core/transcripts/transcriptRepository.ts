// A job's transcript in the database: the engine's original output, kept untouched, and the
// user's edited version. Every reader (job page, exports, search) sees the edit when there is one.
import type Database from 'better-sqlite3'
import type { Transcript } from '@shared/transcript'
import { speakerNames } from '@shared/speakerEdits'

export interface StoredTranscript {
  transcript: Transcript
  /** Epoch ms of the last edit; null = the engine's output as it came. */
  editedAt: number | null
}

interface Row {
  original: string
  edited: string | null
  edited_at: number | null
}

/**
 * What History searches (and shows the matching line of): a line per segment, led by its
 * speaker's name when the transcript has speakers, so searching a name finds the job.
 */
export function plainText(t: Pick<Transcript, 'segments' | 'speakers'>): string {
  const names = speakerNames(t)
  const lead = (id: string | undefined): string =>
    id === undefined ? '' : `${names.get(id) ?? id}: `
  return t.segments.map((s) => `${lead(s.speaker)}${s.text}`).join('\n')
}

export interface StoredVersion {
  editedAt: number | null
  bytes: number
}

/** A version as its row stores it: the JSON, and the text History searches. */
export interface EncodedEdit {
  edited: string
  text: string
}

export function encodeEdit(transcript: Transcript): EncodedEdit {
  return { edited: JSON.stringify(transcript), text: plainText(transcript) }
}

export class TranscriptRepository {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      get: db.prepare('SELECT original, edited, edited_at FROM job_transcripts WHERE job_id = ?'),
      has: db.prepare('SELECT 1 FROM job_transcripts WHERE job_id = ?'),
      version: db.prepare(
        `SELECT edited_at AS editedAt, length(CAST(COALESCE(edited, original) AS BLOB)) AS bytes
         FROM job_transcripts WHERE job_id = ?`
      ),
      // Only for a job that exists (a late import for a deleted job stores nothing).
      insert: db.prepare(
        `INSERT INTO job_transcripts (job_id, original, text)
         SELECT @id, @original, @text WHERE EXISTS (SELECT 1 FROM transcription_jobs WHERE id = @id)
         ON CONFLICT (job_id) DO NOTHING`
      ),
      // Compare-and-set in one statement, so two hosts on one data dir cannot both win; the
      // version (edited_at) only grows, so two saves in one millisecond are still two versions.
      edit: db.prepare(
        `UPDATE job_transcripts SET edited = @edited, text = @text,
           edited_at = MAX(@at, COALESCE(edited_at, 0) + 1)
         WHERE job_id = @id AND edited_at IS @base RETURNING edited_at`
      ),
      revert: db.prepare(
        `UPDATE job_transcripts SET edited = NULL, edited_at = NULL,
           text = @text WHERE job_id = @id`
      ),
      revertFrom: db.prepare(
        `UPDATE job_transcripts SET edited = NULL, edited_at = NULL,
           text = @text WHERE job_id = @id AND edited_at IS @base`
      )
    }
  }

  /**
   * Runs `change` holding the database's write lock, so a change and its files are one step for
   * every process on the data dir: another host's delete of the job waits for it, or happened
   * first and `change` finds the job gone (a throw takes back what `change` stored).
   */
  exclusive<T>(change: () => T): T {
    return this.db.transaction(change).immediate()
  }

  has(jobId: number): boolean {
    return this.statements.has.get(jobId) !== undefined
  }

  /**
   * Which version is stored now (editedAt null = the engine's) and its size in bytes as stored,
   * without reading it; undefined = no transcript.
   */
  version(jobId: number): StoredVersion | undefined {
    return this.statements.version.get(jobId) as StoredVersion | undefined
  }

  /** Stores the engine's output once; later calls for the same job change nothing. */
  storeOriginal(jobId: number, transcript: Transcript): void {
    this.statements.insert.run({
      id: jobId,
      original: JSON.stringify(transcript),
      text: plainText(transcript)
    })
  }

  get(jobId: number): StoredTranscript | null {
    const row = this.statements.get.get(jobId) as Row | undefined
    if (!row) return null
    return {
      transcript: JSON.parse(row.edited ?? row.original) as Transcript,
      editedAt: row.edited_at
    }
  }

  original(jobId: number): Transcript | null {
    const row = this.statements.get.get(jobId) as Row | undefined
    return row ? (JSON.parse(row.original) as Transcript) : null
  }

  /**
   * Saves the user's version (the original stays) if it was made on the version stored now
   * (`baseEditedAt`, null = the engine's): otherwise 'stale', and the stored version stays.
   */
  saveEdit(
    jobId: number,
    transcript: Transcript,
    baseEditedAt: number | null,
    now = Date.now()
  ): 'saved' | 'stale' | 'missing' {
    const saved = this.saveEncoded(jobId, encodeEdit(transcript), baseEditedAt, now)
    return typeof saved === 'number' ? 'saved' : saved
  }

  /** saveEdit of a version encoded beforehand (outside the write lock); the new version or why not. */
  saveEncoded(
    jobId: number,
    encoded: EncodedEdit,
    baseEditedAt: number | null,
    now = Date.now()
  ): number | 'stale' | 'missing' {
    const row = this.statements.edit.get({ id: jobId, ...encoded, at: now, base: baseEditedAt }) as
      { edited_at: number } | undefined
    if (row) return row.edited_at
    return this.has(jobId) ? 'stale' : 'missing'
  }

  /**
   * Back to the engine's output (its search text `text` computed beforehand), if the version
   * stored now is still `baseEditedAt`: otherwise 'stale', and the stored version stays.
   */
  revertFrom(
    jobId: number,
    baseEditedAt: number | null,
    text: string
  ): 'reverted' | 'stale' | 'missing' {
    if (this.statements.revertFrom.run({ id: jobId, base: baseEditedAt, text }).changes === 1)
      return 'reverted'
    return this.has(jobId) ? 'stale' : 'missing'
  }

  /** Back to the engine's output. */
  revert(jobId: number): boolean {
    const original = this.original(jobId)
    if (!original) return false
    return this.statements.revert.run({ id: jobId, text: plainText(original) }).changes === 1
  }
}
