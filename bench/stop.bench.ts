// Stop latency: our killTree (group signal + ancestry sweep + verify) against tree-kill on an
// identical 50-process tree that honours SIGTERM, timed to "none left alive"; and a tree that
// ignores SIGTERM, which must be gone within grace + 250 ms.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import treeKill from 'tree-kill'
import { collectJobTree, type JobTreeRef } from '../src/main/os/processTree'
import { killTree } from '../src/main/os/killTree'
import { readStartTime } from '../src/main/os/processIdentity'
import { readProcessTable } from '../src/main/os/processTable'
import type { BenchResult } from './types'

const TREE = join(__dirname, '../tests/fixtures/process/tree.mjs')
const ROUNDS = 7
const GRACE_MS = 500

interface Identity {
  pid: number
  startTime: string
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function alive(ids: Identity[]): Identity[] {
  const table = readProcessTable() ?? new Map()
  return ids.filter((id) => {
    const e = table.get(id.pid)
    return e && !e.zombie && e.startTime === id.startTime
  })
}

/** Spawns a detached tree and waits until it has `size` processes; returns its identities. */
async function startTree(
  config: object,
  size: number
): Promise<{ ref: JobTreeRef; ids: Identity[] }> {
  const child = spawn(process.execPath, [TREE, JSON.stringify(config)], {
    detached: true,
    stdio: 'ignore'
  })
  child.unref()
  const pid = child.pid as number
  const ref: JobTreeRef = { jobId: 0, rootPid: pid, rootStartTime: readStartTime(pid), pgid: pid }
  const deadline = Date.now() + 30_000
  for (;;) {
    const table = readProcessTable() ?? new Map()
    const tree = collectJobTree(ref, table)
    if (tree.length >= size) {
      await sleep(100) // let the last spawns settle into their final exec
      const settled = collectJobTree(ref, readProcessTable() ?? new Map())
      return { ref, ids: settled.map((e) => ({ pid: e.pid, startTime: e.startTime })) }
    }
    if (Date.now() > deadline)
      throw new Error(`tree reached only ${tree.length} of ${size} processes`)
    await sleep(20)
  }
}

const p50 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function oursOnce(): Promise<number> {
  const { ref, ids } = await startTree({ sleepers: 40, setsid: 9 }, 50)
  const t0 = performance.now()
  const result = await killTree({ ...ref, graceMs: 5000 })
  const ms = performance.now() - t0
  if (alive(ids).length > 0 || result.survivors.length > 0)
    throw new Error('killTree left survivors')
  return ms
}

async function treeKillOnce(): Promise<{ ms: number; survivors: number }> {
  const { ref, ids } = await startTree({ sleepers: 40, setsid: 9 }, 50)
  const t0 = performance.now()
  treeKill(ref.rootPid as number, 'SIGTERM')
  let left = ids
  while (left.length > 0 && performance.now() - t0 < 10_000) {
    await sleep(2)
    left = alive(ids)
  }
  const ms = performance.now() - t0
  if (left.length > 0) await killTree({ ...ref, graceMs: 0, knownMembers: left })
  return { ms, survivors: left.length }
}

export async function run(): Promise<BenchResult[]> {
  const ours: number[] = []
  const baseline: number[] = []
  let baselineSurvivors = 0
  for (let i = 0; i < ROUNDS; i++) {
    ours.push(await oursOnce())
    const b = await treeKillOnce()
    baseline.push(b.ms)
    baselineSurvivors += b.survivors
  }
  const oursP50 = p50(ours)
  const baseP50 = p50(baseline)

  const ignoring: number[] = []
  for (let i = 0; i < 3; i++) {
    const { ref, ids } = await startTree(
      { rootIgnoresTerm: true, ignoreTerm: 10, sleepers: 9, setsid: 5 },
      25
    )
    const result = await killTree({ ...ref, graceMs: GRACE_MS })
    if (alive(ids).length > 0) throw new Error('SIGTERM-ignoring tree survived')
    ignoring.push(result.durationMs)
  }
  const worstIgnoring = Math.max(...ignoring)

  return [
    {
      name: 'stop 50-process tree (SIGTERM honoured), p50 to none alive',
      value: Math.round(oursP50 * 10) / 10,
      unit: 'ms',
      baseline: Math.round(baseP50 * 10) / 10,
      ratio: Math.round((baseP50 / oursP50) * 10) / 10,
      target: 'p50 ≤ 50 ms and ≥ 10× faster than tree-kill',
      pass: oursP50 <= 50 && baseP50 / oursP50 >= 10,
      notes: `${ROUNDS} rounds each; baseline = tree-kill SIGTERM then poll; tree-kill survivors: ${baselineSurvivors}; ours all: ${ours.map((x) => x.toFixed(0)).join('/')} ms`
    },
    {
      name: `stop SIGTERM-ignoring 25-process tree, grace ${GRACE_MS} ms (worst of 3)`,
      value: Math.round(worstIgnoring),
      unit: 'ms',
      baseline: GRACE_MS,
      target: `≤ grace + 250 ms = ${GRACE_MS + 250} ms`,
      pass: worstIgnoring <= GRACE_MS + 250,
      notes: `all: ${ignoring.map((x) => x.toFixed(0)).join('/')} ms; ratio n/a (baseline is the grace period)`
    }
  ]
}
