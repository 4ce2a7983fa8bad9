// Issue 11, proof: 20 rounds of "start a job, kill -9 something at a random moment, restart,
// reap". The victim is the host (the CLI's transcribe, which owns the job), the pipeline, or an
// engine. After every round: no process of any job alive, every row terminal, no work folder of
// a dead job left, and the database passes PRAGMA integrity_check. Seeded (CHAOS_SEED) so a
// failing round can be replayed exactly; the seed is in every assertion message. The rounds run
// in two lanes at once, each with its own data dir and its own seeded sequence: most of a round
// is waiting (for the random moment, for a process to start), which the other lane fills.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TERMINAL_STATUSES, type JobRow } from '@shared/domain'
import { createTranscriptionService } from '../../../src/main/core/service/transcriptionService'
import { isRunning } from '../../support/processes'
import { joinedSpeech } from '../../support/speech'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const SEED = Number(process.env.CHAOS_SEED ?? 20261128)
const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 20)
const LANES = 2

/** mulberry32: small, seedable, good enough to pick moments and victims. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

let dir: string
/** ~25 s of speech in 5-s chunks: a pipeline lives a few seconds, engines come and go. */
let speech: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-chaos-'))
  speech = joinedSpeech(dir, 1)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function rows(dataDir: string): JobRow[] {
  if (!existsSync(join(dataDir, 'transcriptor.db'))) return []
  const db = new Database(join(dataDir, 'transcriptor.db'), { readonly: true })
  try {
    return db.prepare('SELECT * FROM transcription_jobs ORDER BY id').all() as JobRow[]
  } catch {
    // The host is creating the database this very moment.
    return []
  } finally {
    db.close()
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return null
  }
}

/** Live processes whose command line mentions the data dir (pipelines, engines on its chunks). */
function processesOfJobs(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir) && isRunning(pid)
      } catch {
        return false
      }
    })
}

type Victim = 'host' | 'pipeline' | 'engine'

async function round(dataDir: string, n: number, random: () => number): Promise<string> {
  const before = rows(dataDir).at(-1)?.id ?? 0
  const host = spawn(
    process.execPath,
    [BIN, '--data-dir', dataDir, 'transcribe', speech, '--processes', '1', '--chunk', '5'],
    { stdio: 'ignore' }
  )
  const hostExited = new Promise<void>((done) => host.once('exit', () => done()))
  const victim: Victim = (['host', 'pipeline', 'engine'] as const)[Math.floor(random() * 3)]
  // A random moment of the job's life: 0–1.5 s after its pipeline is registered (decode, chunk
  // cuts and engine runs all happen in that window).
  const delayMs = Math.floor(random() * 1500)
  const deadline = Date.now() + 20_000
  let job: JobRow | undefined
  while (Date.now() < deadline && host.exitCode === null) {
    job = rows(dataDir).find((r) => r.id > before && r.process_id !== null)
    if (job) break
    await sleep(25)
  }
  if (!job) throw new Error(`round ${n + 1}: the host never registered a pipeline`)
  await sleep(delayMs)
  const pipeline = job && isRunning(job.process_id!) ? job.process_id : null
  const childOfPipeline = (): number | undefined =>
    readdirSync('/proc')
      .filter((e) => /^\d+$/.test(e))
      .map(Number)
      .find((pid) => parentOf(pid) === pipeline && isRunning(pid))
  // An engine (or ffmpeg) runs only part of the time: the engine victim waits for one (≤ 3 s).
  let engine = pipeline ? childOfPipeline() : undefined
  for (let i = 0; victim === 'engine' && pipeline && !engine && i < 120; i++) {
    await sleep(25)
    engine = childOfPipeline()
  }
  let what: string
  if (victim === 'engine' && engine) {
    const name = readFileSync(`/proc/${engine}/comm`, 'utf8').trim()
    process.kill(engine, 'SIGKILL')
    what = `engine ${name} ${engine}`
  } else if (victim === 'pipeline' && pipeline) {
    process.kill(pipeline, 'SIGKILL')
    what = `pipeline ${pipeline}`
  } else {
    host.kill('SIGKILL')
    what = `host ${host.pid}${victim === 'host' ? '' : ` (no ${victim} running yet)`}`
  }
  // The host finishes what it can (or is dead already); a host still busy is killed too.
  await Promise.race([hostExited, sleep(2000)])
  if (host.exitCode === null && host.signalCode === null) {
    host.kill('SIGKILL')
    what += ', then the host'
    await hostExited
  }
  // Restart and reap, as the next app start does.
  const service = createTranscriptionService({ dataDir })
  await service.start()
  await service.shutdown('chaos round over')
  return `round ${n + 1}: ${delayMs} ms after the pipeline started, killed ${what}`
}

/** `rounds` rounds in their own data dir, each checked before the next one starts. */
async function lane(lane: number, rounds: number): Promise<string[]> {
  const seed = SEED + lane
  const random = prng(seed)
  const dataDir = join(dir, `data-${lane}`)
  const stories: string[] = []
  for (let n = 0; n < rounds; n++) {
    const story = `seed ${seed} (lane ${lane + 1}), ${await round(dataDir, n, random)}`
    stories.push(story)
    expect(processesOfJobs(dataDir), story).toEqual([])
    for (const row of rows(dataDir)) {
      expect(TERMINAL_STATUSES, `${story}: job ${row.id}`).toContain(row.status)
      if (row.process_id) expect(isRunning(row.process_id), story).toBe(false)
    }
    const left = existsSync(join(dataDir, 'tmp')) ? readdirSync(join(dataDir, 'tmp')) : []
    expect(left, `${story}: work folders`).toEqual([])
    const db = new Database(join(dataDir, 'transcriptor.db'), { readonly: true })
    expect(db.pragma('integrity_check', { simple: true }), story).toBe('ok')
    db.close()
  }
  return stories
}

describe('chaos', () => {
  it(`${ROUNDS} rounds of kill -9 at random moments leave nothing behind (seed ${SEED})`, async () => {
    const started = Date.now()
    const perLane = Array.from(
      { length: LANES },
      (_, i) => Math.floor(ROUNDS / LANES) + (i < ROUNDS % LANES ? 1 : 0)
    )
    const stories = await Promise.all(perLane.map((rounds, i) => lane(i, rounds)))
    console.log(stories.flat().join('\n'))
    console.log(`chaos: ${ROUNDS} rounds in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }, 240_000)
})
