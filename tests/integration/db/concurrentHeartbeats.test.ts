// Two processes write 1,000 heartbeat transactions each into one WAL database at the same time:
// every write must land (an audit trigger records each one) and SQLITE_BUSY must never surface.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { resolve } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { createTempDatabase, sampleJob, type TempDatabase } from '../../support/db'

const ROOT = resolve(__dirname, '../../..')
const WRITER = resolve(__dirname, 'heartbeatWriter.ts')
// The writer imports the repository, which imports '@shared/…': tsx resolves it by the node config.
const TSX_ENV = { ...process.env, TSX_TSCONFIG_PATH: resolve(ROOT, 'tsconfig.node.json') }
const HEARTBEATS = 1000

interface WriterResult {
  applied: number
  errors: string[]
  errorCount: number
}

let temp: TempDatabase | undefined
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  children.length = 0
  temp?.cleanup()
})

/** Starts a writer; resolves `ready` once it has opened the database. */
function startWriter(dbPath: string, ids: number[], base: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WRITER, dbPath, ids.join(','), String(HEARTBEATS), String(base)],
    { cwd: ROOT, env: TSX_ENV, stdio: ['pipe', 'pipe', 'pipe'] }
  )
  children.push(child)
  let stderr = ''
  child.stderr?.on('data', (chunk) => (stderr += chunk))
  const lines = createInterface({ input: child.stdout! })
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`writer exited ${code}: ${stderr.trim()}`)))
  )
  const nextLine = (): Promise<string> =>
    Promise.race([new Promise<string>((ok) => lines.once('line', ok)), exited])
  const ready = nextLine()
  return {
    ready,
    run: async (): Promise<WriterResult> => {
      const result = nextLine()
      child.stdin?.write('go\n')
      return JSON.parse(await result) as WriterResult
    }
  }
}

test('two processes × 1,000 heartbeats under WAL: none lost, no SQLITE_BUSY', async () => {
  temp = createTempDatabase()
  const jobs = new JobRepository(temp.db)
  const ids = [1, 2, 3].map(() => {
    const { id } = jobs.createJob(sampleJob())
    jobs.startJob(id)
    return id
  })
  // Test-only audit: a trigger runs inside each writer's transaction, so every committed
  // heartbeat leaves exactly one row per job.
  temp.db.exec(`
    CREATE TABLE heartbeat_audit (job_id INTEGER NOT NULL, value INTEGER NOT NULL);
    CREATE TRIGGER audit_heartbeat AFTER UPDATE OF last_heartbeat ON transcription_jobs
    BEGIN INSERT INTO heartbeat_audit VALUES (new.id, new.last_heartbeat); END;
  `)

  const a = startWriter(temp.path, ids, 1_000_000)
  const b = startWriter(temp.path, ids, 2_000_000)
  await Promise.all([a.ready, b.ready])
  const [resultA, resultB] = await Promise.all([a.run(), b.run()])

  expect(resultA).toEqual({ applied: HEARTBEATS, errors: [], errorCount: 0 })
  expect(resultB).toEqual({ applied: HEARTBEATS, errors: [], errorCount: 0 })

  const perJob = temp.db
    .prepare(
      `SELECT job_id, count(*) AS writes, count(DISTINCT value) AS distinct_values
       FROM heartbeat_audit GROUP BY job_id ORDER BY job_id`
    )
    .all()
  expect(perJob).toEqual(
    ids.map((id) => ({ job_id: id, writes: 2 * HEARTBEATS, distinct_values: 2 * HEARTBEATS }))
  )
  // The last committed heartbeat is one of the two writers' final values.
  for (const id of ids) {
    expect([1_000_000 + HEARTBEATS - 1, 2_000_000 + HEARTBEATS - 1]).toContain(
      jobs.getJob(id)?.last_heartbeat
    )
  }
  // How often the commit order switched writer: > 1 means they really ran concurrently.
  const values = (
    temp.db
      .prepare('SELECT value FROM heartbeat_audit WHERE job_id = ? ORDER BY rowid')
      .all(ids[0]) as { value: number }[]
  ).map((row) => row.value >= 2_000_000)
  const switches = values.filter((writerB, i) => i > 0 && writerB !== values[i - 1]).length
  console.log(`writer switches in commit order: ${switches}`)
})
