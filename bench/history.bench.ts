// History at 10,000 jobs: the FTS5 page query (file names + transcript text, filter, sort, one
// page) against the baseline of the same search done the old way in the same run (LIKE over
// every row's name, path and error, all rows returned for the page to filter and render).
import { JobRepository } from '../src/main/core/db/jobRepository'
import { HistoryQuery } from '../src/main/core/db/historyQuery'
import { createTempDatabase } from '../tests/support/db'
import { needleFor, seedHistory } from '../tests/support/historySeed'
import type { BenchResult } from './types'

const ROUNDS = 25
const p50 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const r2 = (n: number): number => Math.round(n * 100) / 100

function time(run: () => unknown): number[] {
  const out: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now()
    run()
    out.push(performance.now() - t)
  }
  return out
}

export async function run(): Promise<BenchResult[]> {
  const temp = createTempDatabase()
  try {
    seedHistory(temp.db, 10_000)
    const history = new HistoryQuery(temp.db)
    const repo = new JobRepository(temp.db)
    const cases: { name: string; ours: () => unknown; base: () => unknown }[] = [
      {
        name: 'open (first page, newest first)',
        ours: () => history.page({ limit: 50 }),
        base: () => repo.listJobs({})
      },
      {
        name: 'search a file name',
        ours: () => history.page({ search: 'recording-04321', limit: 50 }),
        base: () => repo.listJobs({ search: 'recording-04321' })
      },
      {
        name: 'search a transcript word (1 job)',
        ours: () => history.page({ search: needleFor(4321), limit: 50 }),
        // The old History could not search transcripts at all; LIKE on names is its cost.
        base: () => repo.listJobs({ search: needleFor(4321) })
      },
      {
        name: 'search a common word (thousands of jobs)',
        ours: () => history.page({ search: 'morning', limit: 50 }),
        base: () => repo.listJobs({ search: 'morning' })
      },
      {
        name: 'filter + sort by name, page 100',
        ours: () => history.page({ status: 'completed', sort: 'name', offset: 4950, limit: 50 }),
        base: () => repo.listJobs({ status: 'completed' })
      }
    ]
    return cases.map(({ name, ours, base }) => {
      const value = p50(time(ours))
      const baseline = p50(time(base))
      return {
        name: `${name} p50`,
        value: r2(value),
        unit: 'ms',
        baseline: r2(baseline),
        ratio: r2(baseline / value),
        target: 'query ≤ 20 ms',
        pass: value <= 20,
        notes: 'baseline: jobs.list (LIKE, every row) on the same 10,000 jobs'
      }
    })
  } finally {
    temp.cleanup()
  }
}
