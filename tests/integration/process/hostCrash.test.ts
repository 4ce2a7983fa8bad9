// The host that owns a running job goes away. kill -9: nothing runs in the host any more, so the
// pipeline's watchdog (control pipe EOF) must take the whole tree down within 3 s. A normal
// process.exit() with a job whose root has NO watchdog: the exit guard's synchronous kill must.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dataPaths } from '../../../src/main/core/paths'
import {
  aliveInGroups,
  FIXTURES,
  groupsLedBy,
  makeEnv,
  processingJob,
  spawnedTree,
  stillAlive,
  treeNow,
  waitFor,
  type Identity,
  type TestEnv
} from './helpers'

const ROOT = resolve(__dirname, '../../..')
const tsxEnv = { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') }
const CONFIG = JSON.stringify({ sleepers: 4, setsid: 2, nested: 2, ignoreTerm: 2 })
// root + 4 sleep + 2 setsid + 2×5 nested + 2 ignoring = 19
const TREE_SIZE = 19

describe('host process goes away', () => {
  let env: TestEnv | undefined
  let host: ChildProcess | undefined
  afterEach(async () => {
    host?.kill('SIGKILL')
    await env?.cleanup()
    env = undefined
  })

  /** Starts host.ts owning one job; resolves once the job's whole tree is up. */
  async function startHost(e: TestEnv, mode: 'watched' | 'plain'): Promise<Identity[]> {
    const jobId = processingJob(e.store)
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(FIXTURES, 'host.ts'),
        dataPaths(e.dataDir).database,
        e.dataDir,
        String(jobId),
        CONFIG,
        mode
      ],
      { cwd: ROOT, env: tsxEnv, stdio: ['ignore', 'pipe', 'inherit'] }
    )
    host = child
    const firstLine = await new Promise<string>((resolveLine, reject) => {
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolveLine)
      child.once('exit', (code) => reject(new Error(`host exited early (${code})`)))
    })
    const spawned = JSON.parse(firstLine) as { pid: number; registered: boolean }
    expect(spawned.registered).toBe(true)
    const row = e.store.jobs.getJob(jobId)
    expect(row?.owner_pid).toBe(child.pid)
    const ref = spawnedTree(e.store, jobId, spawned.pid)
    await waitFor(() => treeNow(ref).length >= TREE_SIZE, 'the job tree', 30_000)
    return treeNow(ref)
  }

  it("kill -9: the watchdog takes the job's whole tree (setsid'd members included) down within 3 s", async () => {
    env = makeEnv()
    const before = await startHost(env, 'watched')
    const groups = groupsLedBy(before)
    const killedAt = Date.now()
    host?.kill('SIGKILL')
    await waitFor(
      () => stillAlive(before).length === 0,
      'every process of the tree to be gone',
      3000,
      20
    )
    expect(Date.now() - killedAt).toBeLessThan(3000)
    expect(aliveInGroups(groups)).toEqual([])
  })

  it('process.exit(): the exit guard kills a tree that has no watchdog', async () => {
    env = makeEnv()
    const before = await startHost(env, 'plain')
    const groups = groupsLedBy(before)
    const exited = new Promise((r) => host?.once('exit', r))
    host?.kill('SIGTERM') // host.ts turns this into process.exit(0)
    await exited
    await waitFor(
      () => stillAlive(before).length === 0,
      'every process of the tree to be gone',
      3000,
      20
    )
    expect(aliveInGroups(groups)).toEqual([])
  })
})
