// Child process for the concurrency test: the real connection pragmas and JobRepository, run by
// `node --import tsx`. Waits for "go" on stdin so both writers start together, then prints
// one JSON result line.
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { applyConnectionPragmas } from '../../../src/main/core/db/connection'
import { JobRepository } from '../../../src/main/core/db/jobRepository'

const [dbPath, idsArg, countArg, baseArg] = process.argv.slice(2)
const ids = idsArg.split(',').map(Number)
const count = Number(countArg)
const base = Number(baseArg)

const db = new Database(dbPath)
applyConnectionPragmas(db)
const jobs = new JobRepository(db)

const lines = createInterface({ input: process.stdin })
process.stdout.write('ready\n')
lines.once('line', () => {
  lines.close()
  process.stdin.destroy()
  let applied = 0
  const errors: string[] = []
  for (let i = 0; i < count; i++) {
    try {
      const touched = jobs.updateHeartbeat(ids, base + i)
      if (touched === ids.length) applied++
      else errors.push(`heartbeat ${i} touched ${touched} of ${ids.length} jobs`)
    } catch (error) {
      errors.push(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`)
    }
  }
  db.close()
  process.stdout.write(
    `${JSON.stringify({ applied, errors: errors.slice(0, 5), errorCount: errors.length })}\n`
  )
})
