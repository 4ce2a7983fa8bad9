// Each finished job's speakers as the diarizer heard them: one centroid embedding per speaker
// (migrations/0009_speakers.sql), stored as float32 little-endian. The runner writes them from the
// pipeline's `speakers` event; "Remember this voice" and the voice matching read them back.
import type Database from 'better-sqlite3'

export interface HeardSpeaker {
  id: string
  /** Talk time in seconds. */
  seconds: number
  embedding: number[]
}

export interface StoredSpeakerEmbedding {
  speakerId: string
  model: string
  seconds: number
  embedding: Float32Array
}

export function embeddingBlob(embedding: ArrayLike<number>): Buffer {
  const buffer = Buffer.alloc(embedding.length * 4)
  for (let i = 0; i < embedding.length; i++) buffer.writeFloatLE(embedding[i], i * 4)
  return buffer
}

export function embeddingOf(blob: Buffer): Float32Array {
  const out = new Float32Array(Math.floor(blob.length / 4))
  for (let i = 0; i < out.length; i++) out[i] = blob.readFloatLE(i * 4)
  return out
}

/** One row per speaker of the job (a speaker heard again replaces its row). */
export function saveJobSpeakerEmbeddings(
  db: Database.Database,
  jobId: number,
  model: string,
  speakers: HeardSpeaker[]
): void {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO job_speaker_embeddings (job_id, speaker_id, model, seconds, embedding)
     VALUES (?, ?, ?, ?, ?)`
  )
  db.transaction(() => {
    for (const s of speakers) insert.run(jobId, s.id, model, s.seconds, embeddingBlob(s.embedding))
  })()
}

interface Row {
  speaker_id: string
  model: string
  seconds: number
  embedding: Buffer
}

const fromRow = (r: Row): StoredSpeakerEmbedding => ({
  speakerId: r.speaker_id,
  model: r.model,
  seconds: r.seconds,
  embedding: embeddingOf(r.embedding)
})

/** The job's speakers' embeddings, in speaker id order. */
export function jobSpeakerEmbeddings(
  db: Database.Database,
  jobId: number
): StoredSpeakerEmbedding[] {
  const rows = db
    .prepare(
      `SELECT speaker_id, model, seconds, embedding FROM job_speaker_embeddings
       WHERE job_id = ? ORDER BY speaker_id`
    )
    .all(jobId) as Row[]
  return rows.map(fromRow)
}

export function jobSpeakerEmbedding(
  db: Database.Database,
  jobId: number,
  speakerId: string
): StoredSpeakerEmbedding | null {
  const row = db
    .prepare(
      `SELECT speaker_id, model, seconds, embedding FROM job_speaker_embeddings
       WHERE job_id = ? AND speaker_id = ?`
    )
    .get(jobId, speakerId) as Row | undefined
  return row ? fromRow(row) : null
}
