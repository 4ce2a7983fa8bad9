// The pipeline-side watchdog, with a real pipeline-like root (tests/fixtures/process/watchedTree.ts):
// losing the parent — by the control pipe closing, or by being reparented while the pipe stays
// open — makes it kill its workers and exit within ~2 s.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readStartTime } from '../../../src/main/os/processIdentity'
import { FIXTURES, groupTree, stillAlive, treeNow, waitFor } from './helpers'

const ROOT = resolve(__dirname, '../../..')
const env = { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') }
const WATCHED = join(FIXTURES, 'watchedTree.ts')
const CONFIG = JSON.stringify({ sleepers: 3, setsid: 2, ignoreTerm: 1 })

describe('pipeline watchdog', () => {
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL')
  })

  it('kills its workers and exits when the control pipe closes', async () => {
    const root = spawn(process.execPath, ['--import', 'tsx', WATCHED, CONFIG], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true
    })
    children.push(root)
    const pid = root.pid as number
    const ref = groupTree(1, pid)
    await waitFor(() => treeNow(ref).length >= 7, 'the watched tree', 30_000)
    const before = treeNow(ref)
    const exited = new Promise<number | null>((r) => root.once('exit', (code) => r(code)))

    root.stdin?.end()

    expect(await exited).toBe(70)
    await waitFor(() => stillAlive(before).length === 0, 'the workers to be gone', 2500)
  })

  it('notices being reparented even while the control pipe stays open', async () => {
    // The root reads a FIFO whose write end a separate `sleep` holds, so killing the middle
    // shell cannot close the pipe: only the changed parent pid can give the loss away.
    const dir = mkdtempSync(join(tmpdir(), 'watchdog-'))
    const fifo = join(dir, 'control')
    execFileSync('mkfifo', [fifo])
    const holder = spawn('sh', ['-c', `exec sleep 1000 > "${fifo}"`], { stdio: 'ignore' })
    children.push(holder)
    const cmd = `"${process.execPath}" --import tsx "${WATCHED}" '${CONFIG}' < "${fifo}" & echo $!; wait`
    const shell = spawn('sh', ['-c', cmd], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] })
    children.push(shell)
    const pid = Number(
      await new Promise<string>((r) =>
        shell.stdout?.once('data', (d: Buffer) => r(d.toString().trim()))
      )
    )
    const ref = { jobId: 1, rootPid: pid, rootStartTime: readStartTime(pid), pgid: null }
    await waitFor(() => treeNow(ref).length >= 7, 'the watched tree', 30_000)
    const before = treeNow(ref)

    shell.kill('SIGKILL')

    await waitFor(
      () => stillAlive(before).length === 0,
      'the root and its workers to be gone',
      3000
    )
    expect(holder.exitCode).toBeNull() // the pipe's writer is still there
    rmSync(dir, { recursive: true, force: true })
  })
})
