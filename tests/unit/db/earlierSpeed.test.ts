// How fast earlier jobs ran an engine and model: the median rate of the last completed ones (one
// engine process's seconds per audio second), from a real migrated database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { earlierSecondsPerAudioSecond } from '../../../src/main/core/db/earlierSpeed'
import { createTempDatabase, sampleJob, type TempDatabase } from '../../support/db'

let temp: TempDatabase
let jobs: JobRepository
beforeEach(() => {
  temp = createTempDatabase()
  jobs = new JobRepository(temp.db)
})
afterEach(() => temp.cleanup())

/** A job that ran `seconds` of audio in `tookSeconds` with `processes`, finished at `endAt`. */
function ran(o: { seconds: number; tookSeconds: number; processes?: number; endAt: number }): void {
  const { id } = jobs.createJob(
    sampleJob({
      engine: 'pocketsphinx',
      model: '',
      duration_seconds: o.seconds,
      processes: o.processes ?? 1
    })
  )
  jobs.startJob(id, o.endAt - o.tookSeconds * 1000)
  jobs.completeJob(id, { txt: '/o/a.txt' }, o.endAt)
}

describe('earlier speed', () => {
  it('is unknown before any job of that engine and model completed', () => {
    ran({ seconds: 600, tookSeconds: 300, endAt: 10_000_000 })
    expect(earlierSecondsPerAudioSecond(temp.db, 'whisper', 'base.en')).toBeNull()
    jobs.createJob(sampleJob({ engine: 'whisper', model: 'base.en', duration_seconds: 600 }))
    expect(earlierSecondsPerAudioSecond(temp.db, 'whisper', 'base.en')).toBeNull()
  })

  it('counts each engine process (two at once take half the wall time) and takes the median', () => {
    ran({ seconds: 600, tookSeconds: 150, processes: 2, endAt: 10_000_000 }) // 0.5
    ran({ seconds: 100, tookSeconds: 60, endAt: 11_000_000 }) // 0.6
    ran({ seconds: 100, tookSeconds: 500, endAt: 12_000_000 }) // 5: an odd one
    expect(earlierSecondsPerAudioSecond(temp.db, 'pocketsphinx', '')).toBeCloseTo(0.6, 6)
  })

  it('leaves out short files, which are mostly model loading', () => {
    ran({ seconds: 5, tookSeconds: 20, endAt: 10_000_000 })
    expect(earlierSecondsPerAudioSecond(temp.db, 'pocketsphinx', '')).toBeNull()
  })
})
