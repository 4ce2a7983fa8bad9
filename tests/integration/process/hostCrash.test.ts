// kill -9 of the host that owns a running job: nothing can run in the host any more, so the
// pipeline's watchdog (control pipe EOF) must take the whole tree down — within 3 s.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dataPaths } from '../../../src/main/core/paths'
import {
  FIXTURES,
  makeEnv,
  processingJob,
  stillAlive,
  treeNow,
  waitFor,
  type TestEnv
} from './helpers'

const ROOT = resolve(__dirname, '../../..')
const tsxEnv = { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') }

describe('host killed with SIGKILL', () => {
  let env: TestEnv | undefined
  let host: ChildProcess | undefined
  afterEach(async () => {
    host?.kill('SIGKILL')
    await env?.cleanup()
    env = undefined
  })

  it("takes the job's whole tree (setsid'd members included) down within 3 s", async () => {
    env = makeEnv()
    const jobId = processingJob(env.store)
    const config = JSON.stringify({ sleepers: 4, setsid: 2, nested: 2, ignoreTerm: 2 })
    host = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(FIXTURES, 'host.ts'),
        dataPaths(env.dataDir).database,
        env.dataDir,
        String(jobId),
        config
      ],
      { cwd: ROOT, env: tsxEnv, stdio: ['ignore', 'pipe', 'inherit'] }
    )
    const firstLine = await new Promise<string>((resolveLine, reject) => {
      const rl = createInterface({ input: host?.stdout as NodeJS.ReadableStream })
      rl.once('line', resolveLine)
      host?.once('exit', (code) => reject(new Error(`host exited early (${code})`)))
    })
    const spawned = JSON.parse(firstLine) as { pid: number; registered: boolean }
    expect(spawned.registered).toBe(true)
    const row = env.store.jobs.getJob(jobId)
    expect(row?.owner_pid).toBe(host.pid)
    const ref = {
      jobId,
      rootPid: spawned.pid,
      rootStartTime: row?.process_start_time ?? null,
      pgid: spawned.pid
    }
    // tree: root + 4 sleep + 2 setsid + 2×5 nested + 2 ignoring = 19
    await waitFor(() => treeNow(ref).length >= 19, 'the watched tree', 30_000)
    const before = treeNow(ref)

    const killedAt = Date.now()
    host.kill('SIGKILL')
    await waitFor(
      () => stillAlive(before).length === 0,
      'every process of the tree to be gone',
      3000,
      20
    )
    const tookMs = Date.now() - killedAt
    expect(tookMs).toBeLessThan(3000)
  })
})
