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

export class TranscriptRepository {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      get: db.prepare('SELECT original, edited, edited_at FROM job_transcripts WHERE job_id = ?'),
      has: db.prepare('SELECT 1 FROM job_transcripts WHERE job_id = ?'),
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
         WHERE job_id = @id AND edited_at IS @base`
      ),
      revert: db.prepare(
        `UPDATE job_transcripts SET edited = NULL, edited_at = NULL,
           text = @text WHERE job_id = @id`
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
    const { changes } = this.statements.edit.run({
      id: jobId,
      edited: JSON.stringify(transcript),
      text: plainText(transcript),
      at: now,
      base: baseEditedAt
    })
    if (changes === 1) return 'saved'
    return this.has(jobId) ? 'stale' : 'missing'
  }

  /** Back to the engine's output. */
  revert(jobId: number): boolean {
    const original = this.original(jobId)
    if (!original) return false
    return this.statements.revert.run({ id: jobId, text: plainText(original) }).changes === 1
  }
}
