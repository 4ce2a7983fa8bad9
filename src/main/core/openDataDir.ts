// One call for every host (app, CLI, browser host): the data dir's database, migrated, with the
// repositories built on it. It sits above db/, settings/ and transcripts/ because it assembles
// all three (in db/ it made db import the folders that build on it).
import { dataPaths } from './paths'
import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './db/database'
import { HistoryQuery } from './db/historyQuery'
import { JobRepository } from './db/jobRepository'
import { QueueQuery } from './db/queueQuery'
import { BatchQuery } from './db/batchQuery'
import { applyPendingOutcomes } from './db/outcomes'
import { SettingsStore } from './settings/settingsStore'
import { TranscriptRepository } from './transcripts/transcriptRepository'

export interface Store extends OpenedDatabase {
  dataDir: string
  jobs: JobRepository
  settings: SettingsStore
  transcripts: TranscriptRepository
  history: HistoryQuery
  queue: QueueQuery
  batch: BatchQuery
  /** Closes the connection; safe to call twice. */
  close: () => void
}

/**
 * Opens (creating and migrating as needed) `<dataDir>/transcriptor.db`, then writes the outcomes
 * a process before could not (a full disk) and kept on disk. Throws DatabaseError.
 */
export function openStore(dataDir: string, options: OpenDatabaseOptions = {}): Store {
  const opened = openDatabase(dataPaths(dataDir).database, options)
  const jobs = new JobRepository(opened.db)
  applyPendingOutcomes(dataDir, jobs)
  return {
    ...opened,
    dataDir,
    jobs,
    settings: new SettingsStore(opened.db),
    transcripts: new TranscriptRepository(opened.db),
    history: new HistoryQuery(opened.db),
    queue: new QueueQuery(opened.db),
    batch: new BatchQuery(opened.db),
    close: () => {
      if (opened.db.open) opened.db.close()
    }
  }
}
