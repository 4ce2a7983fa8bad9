// Two processes pulling one model: the .part belongs to the first (a lock naming its process), the
// second is refused with one line instead of writing into the same file, and the installed model
// has the right size and SHA-1. A lock left by a process that no longer exists is taken over.
// Real CLI processes against a throttled loopback mirror with its own catalog.
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ggmlBody, startModelServer, type ModelServer } from '../../support/modelServer'
import { modelsPullCli, type PullRun } from '../../support/modelsPullCli'
import { waitFor } from '../../support/waitFor'
import { removeDir, tempDir } from '../pipeline/harness'

const MiB = 1024 * 1024
const body = ggmlBody(4 * MiB)
const sha1 = createHash('sha1').update(body).digest('hex')

let dir: string
let server: ModelServer
/** The shared model's download waits halfway until the second pull has been answered. */
let releaseShared: () => void = () => undefined
const sharedHeld = new Promise<void>((resolve) => (releaseShared = resolve))

beforeAll(async () => {
  dir = tempDir('transcriptor-concurrent-pull-')
  server = await startModelServer({
    '/ggml-shared.bin': {
      body,
      bytesPerSecond: 2 * MiB,
      holdAfterBytes: 2 * MiB,
      hold: sharedHeld
    },
    '/ggml-orphan.bin': { body }
  })
  writeFileSync(
    join(dir, 'catalog.tsv'),
    `name\tsize\tsha1\nshared\t4 MiB\t${sha1}\norphan\t4 MiB\t${sha1}\n`
  )
})
afterAll(async () => {
  releaseShared()
  await server.close()
  removeDir(dir)
})

const pull = (home: string, name: string): PullRun =>
  modelsPullCli(home, name, { base: server.base, catalog: join(dir, 'catalog.tsv') })

const sha1Of = (path: string): string => createHash('sha1').update(readFileSync(path)).digest('hex')

describe('two pulls of one model', () => {
  it('the second process is refused with one line; the first installs a verified file', async () => {
    const home = join(dir, 'home')
    const first = pull(home, 'shared')
    await waitFor(() => /shared: \d+% /.test(first.out.stderr), 'a progress line', 20_000)
    const second = pull(home, 'shared')
    // However slow the second CLI is to start, the first is still downloading when it looks.
    const secondCode = await second.code
    releaseShared()
    expect(secondCode).toBe(1)
    expect(second.out.stdout).toBe('')
    expect(second.out.stderr).toBe(
      `transcriptor: ggml-shared.bin is already being downloaded by process ${first.child.pid}; ` +
        `wait for it to finish (lock: ${join(home, 'models', 'ggml-shared.bin.part.lock')})\n`
    )
    expect(await first.code).toBe(0)
    expect(first.out.stdout).toMatch(/^shared: verified, 4\.0 MiB → .*ggml-shared\.bin\n$/)
    const installed = join(home, 'models', 'ggml-shared.bin')
    expect(readFileSync(installed).length).toBe(body.length)
    expect(sha1Of(installed)).toBe(sha1)
    expect(readdirSync(join(home, 'models'))).toEqual(['ggml-shared.bin'])
  }, 60_000)

  it('a lock left by a process that is gone is taken over', async () => {
    const home = join(dir, 'home-orphan')
    mkdirSync(join(home, 'models'), { recursive: true })
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
    const lock = { pid: Number(gone.stdout.toString()), host: hostname(), started: null }
    writeFileSync(join(home, 'models', 'ggml-orphan.bin.part.lock'), JSON.stringify(lock))
    const run = pull(home, 'orphan')
    expect(await run.code).toBe(0)
    expect(sha1Of(join(home, 'models', 'ggml-orphan.bin'))).toBe(sha1)
    expect(readdirSync(join(home, 'models'))).toEqual(['ggml-orphan.bin'])
  }, 60_000)
})
