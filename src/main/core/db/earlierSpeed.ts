// How fast this machine ran an engine and model before: one engine process's seconds per second
// of audio, from the last completed jobs that used them. The pipeline estimates a running chunk
// from it while the engine says nothing of its own progress (whisper inside one 30 s window,
// pocketsphinx inside one long utterance), so a job has an ETA before its first chunk ends.
import type Database from 'better-sqlite3'

/** Recent enough to be this machine as it is now, many enough that one odd job does not rule. */
const JOBS_CONSIDERED = 5
/** Shorter jobs are mostly model loading: their rate says little about a long file. */
const MIN_AUDIO_SECONDS = 20

/** Compiled once per database: a job start and every batch line ask it. */
const statements = new WeakMap<Database.Database, Database.Statement>()

function ratesStatement(db: Database.Database): Database.Statement {
  let statement = statements.get(db)
  if (!statement) {
    statement = db
      .prepare(
        `SELECT (finished_at - started_at) / 1000.0 * processes / duration_seconds AS rate
           FROM transcription_jobs
          WHERE status = 'completed' AND engine = ? AND model = ? AND recording IS NULL
            AND duration_seconds >= ? AND finished_at > started_at
          ORDER BY finished_at DESC LIMIT ?`
      )
      .pluck()
    statements.set(db, statement)
  }
  return statement
}

export function earlierSecondsPerAudioSecond(
  db: Database.Database,
  engine: string,
  model: string
): number | null {
  let rates: number[]
  try {
    rates = ratesStatement(db).all(engine, model, MIN_AUDIO_SECONDS, JOBS_CONSIDERED) as number[]
  } catch {
    return null // a busy or refusing database costs the estimate, never the job's start
  }
  if (rates.length === 0) return null
  // The median: a resumed job (timed from its resume) or a passage redo (timed on a part of its
  // file) is one odd rate among several.
  const sorted = [...rates].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]
}
