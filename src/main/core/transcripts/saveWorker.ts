// The save worker (out/main/saveWorker.js): a worker thread of the host, with its own connection
// to the data dir's database, where the editor's saves run (saveChange.ts), so that checking,
// storing and rendering a long transcript never stops the host's event loop; reverts too
// (revertEdits.ts). They run one at a time, in the order they were sent; the database's write lock orders them with every other
// writer, in this host or another one on the same data dir.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { oneLineError } from '@shared/errors'
import { applyConnectionPragmas } from '../db/connection'
import { JobRepository } from '../db/jobRepository'
import { outputClaims } from '../db/outputClaims'
import { revertEdits } from './revertEdits'
import { saveChange, type SaveDeps, type SaveMemo, type SaveRequest } from './saveChange'
import { TranscriptRepository } from './transcriptRepository'

export interface SaveWorkerData {
  databasePath: string
}

/** One task, answered by its sequence number: a save, or a revert of job `revert`. */
export type SaveTask = { seq: number } & ({ save: SaveRequest } | { revert: number })

export type SaveReply = { seq: number } & (
  | { ok: true; value: ReturnType<typeof saveChange> | ReturnType<typeof revertEdits> }
  | { ok: false; error: string }
)

function openDeps(databasePath: string): SaveDeps {
  const db = new Database(databasePath, { fileMustExist: true })
  applyConnectionPragmas(db)
  const jobs = new JobRepository(db)
  return {
    transcripts: new TranscriptRepository(db),
    mustGet: (id) => {
      const job = jobs.getJob(id)
      if (!job) throw new Error(`job ${id} does not exist`)
      return job
    },
    ownedByOther: outputClaims(db)
  }
}

const port = parentPort
if (port) {
  const deps = openDeps((workerData as SaveWorkerData).databasePath)
  const memo: SaveMemo = { last: null }
  port.on('message', (task: SaveTask) => {
    let reply: SaveReply
    try {
      const value =
        'save' in task ? saveChange(deps, task.save, memo) : revertEdits(deps, task.revert, memo)
      reply = { seq: task.seq, ok: true, value }
    } catch (error) {
      reply = { seq: task.seq, ok: false, error: oneLineError(error) }
    }
    port.postMessage(reply)
  })
}
