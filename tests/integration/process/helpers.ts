// Shared helpers for the process-management integration tests: a real data dir + database, a
// `processing` job row, and observations of real processes by identity (pid + start time).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '@shared/domain'
import { openStore, type Store } from '../../../src/main/core/openDataDir'
import { ProcessManager } from '../../../src/main/core/process/processManager'
import { collectJobTree, type JobTreeRef } from '../../../src/main/os/processTree'
import { readProcessTable } from '../../../src/main/os/processTable'
import { readStartTime } from '../../../src/main/os/processIdentity'
import { sampleJob } from '../../support/db'

export const FIXTURES = resolve(__dirname, '../../fixtures/process')
export const TREE = join(FIXTURES, 'tree.mjs')

export interface TestEnv {
  dataDir: string
  store: Store
  settings: Settings
  pm: ProcessManager
  cleanup: () => Promise<void>
}

export function makeEnv(overrides: Partial<Settings> = {}, graceMs = 1500): TestEnv {
  const dataDir = mkdtempSync(join(tmpdir(), 'transcriptor-pm-'))
  const store = openStore(dataDir)
  const settings: Settings = { ...DEFAULT_SETTINGS, ...overrides }
  const pm = new ProcessManager({
    repo: store.jobs,
    dataDir,
    instanceId: `test-${process.pid}-${Math.random().toString(36).slice(2)}`,
    settings: () => settings,
    graceMs
  })
  return {
    dataDir,
    store,
    settings,
    pm,
    cleanup: async () => {
      await pm.stopAll('test cleanup', { timeoutMs: 4000 })
      await pm.dispose()
      store.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** Call inside a describe: opens envs (as makeEnv) that are cleaned up after each test. */
export function envPerTest(): typeof makeEnv {
  let env: TestEnv | undefined
  afterEach(async () => {
    await env?.cleanup()
    env = undefined
  })
  return (overrides, graceMs) => (env = makeEnv(overrides, graceMs))
}

export { sampleJob }

/** A job row already in `processing`, as the queue would leave it before spawning. */
export function processingJob(store: Store): number {
  const row = store.jobs.createJob(sampleJob())
  store.jobs.startJob(row.id)
  return row.id
}

export { waitFor } from '../../support/waitFor'

export interface Identity {
  pid: number
  startTime: string
}

/** The tree of a job whose root `rootPid` leads its own group; identity: the start time given. */
export function groupTree(
  jobId: number,
  rootPid: number,
  rootStartTime = readStartTime(rootPid)
): JobTreeRef {
  return { jobId, rootPid, rootStartTime, pgid: rootPid }
}

/** The group tree of a job the test spawned, identified as its row recorded it. */
export function spawnedTree(store: Store, jobId: number, rootPid: number): JobTreeRef {
  return groupTree(jobId, rootPid, store.jobs.getJob(jobId)?.process_start_time ?? null)
}

/** The tree's live processes right now, with identities. */
export function treeNow(ref: JobTreeRef): Identity[] {
  const snapshot = readProcessTable()
  if (!snapshot) throw new Error('no process table')
  return collectJobTree(ref, snapshot).map((e) => ({ pid: e.pid, startTime: e.startTime }))
}

/** Which of these exact processes (same pid AND start time) are still alive (zombies count as dead). */
export function stillAlive(ids: Identity[]): Identity[] {
  const snapshot = readProcessTable()
  if (!snapshot) throw new Error('no process table')
  return ids.filter((id) => {
    const e = snapshot.get(id.pid)
    return e !== undefined && !e.zombie && e.startTime === id.startTime
  })
}

/** A pid that certainly belonged to a process that has exited (reused only by bad luck). */
export async function deadPid(): Promise<number> {
  const { spawn } = await import('node:child_process')
  const child = spawn('true')
  await new Promise((r) => child.once('exit', r))
  return child.pid as number
}

/**
 * Process groups and sessions the tree created (led by one of its members). Anything still
 * alive in them afterwards escaped the stop, even if it was never seen (e.g. forked at the last
 * moment and orphaned to init).
 */
export function groupsLedBy(ids: Identity[]): Set<number> {
  const snapshot = readProcessTable()
  const leaders = new Set(ids.map((i) => i.pid))
  const out = new Set<number>()
  for (const id of ids) {
    const e = snapshot?.get(id.pid)
    if (!e) continue
    if (leaders.has(e.pgid)) out.add(e.pgid)
    if (leaders.has(e.sid)) out.add(e.sid)
  }
  return out
}

export function aliveInGroups(groups: Set<number>): number[] {
  const snapshot = readProcessTable()
  if (!snapshot) throw new Error('no process table')
  return [...snapshot.values()]
    .filter((e) => !e.zombie && (groups.has(e.pgid) || groups.has(e.sid)))
    .map((e) => e.pid)
}
