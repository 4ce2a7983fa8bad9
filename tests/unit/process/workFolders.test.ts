// Issue 11 #5: which work folders a sweep removes. Real SQLite rows in every status, real folders.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { jobTempDir } from '../../../src/main/core/paths'
import { isWorkFolderNeeded, sweepWorkFolders } from '../../../src/main/core/process/workFolders'
import { createTempDatabase, sampleJob, type TempDatabase } from '../../support/db'

let tmp: TempDatabase
let repo: JobRepository

beforeEach(() => {
  tmp = createTempDatabase()
  repo = new JobRepository(tmp.db)
})
afterEach(() => tmp.cleanup())

function folderFor(id: number): string {
  const dir = jobTempDir(tmp.dir, id)
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}/audio.s16le`, Buffer.alloc(4096))
  return dir
}

describe('work folders', () => {
  it('a sweep removes folders of ended and deleted jobs, keeps those of queued and running ones', () => {
    const queued = repo.createJob(sampleJob()).id
    const running = repo.createJob(sampleJob()).id
    repo.startJob(running)
    const done = repo.createJob(sampleJob()).id
    repo.startJob(done)
    repo.completeJob(done, {})
    const failed = repo.createJob(sampleJob()).id
    repo.failJob(failed, 'orphaned: owner process 1 is gone')
    const cancelled = repo.createJob(sampleJob()).id
    repo.cancelJob(cancelled, 'stopped by user')
    const dirs = Object.fromEntries(
      [queued, running, done, failed, cancelled, 999].map((id) => [id, folderFor(id)])
    )
    mkdirSync(`${tmp.dir}/tmp/not-a-job`)

    const removed = sweepWorkFolders(tmp.dir, repo)

    expect(removed.sort()).toEqual([dirs[done], dirs[failed], dirs[cancelled], dirs[999]].sort())
    expect(existsSync(dirs[queued])).toBe(true)
    expect(existsSync(dirs[running])).toBe(true)
    expect(existsSync(`${tmp.dir}/tmp/not-a-job`)).toBe(true)
  })

  it('isWorkFolderNeeded: running yes, ended no, deleted no', () => {
    const id = repo.createJob(sampleJob()).id
    expect(isWorkFolderNeeded(repo.getJob(id))).toBe(true)
    repo.startJob(id)
    expect(isWorkFolderNeeded(repo.getJob(id))).toBe(true)
    repo.failJob(id, 'x')
    expect(isWorkFolderNeeded(repo.getJob(id))).toBe(false)
    expect(isWorkFolderNeeded(null)).toBe(false)
  })
})
