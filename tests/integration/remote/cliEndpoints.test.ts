// The issue's "done when", as a user runs it: `transcriptor transcribe long.wav --engine openai
// --endpoint URL1 --endpoint URL2` against two loopback servers completes, survives one of them
// being killed mid-job, and stops in ≤ 200 ms with requests in flight. The API key (from
// TRANSCRIPTOR_API_KEY) reaches the servers and appears nowhere else: not in the database, the
// job log, the CLI's output, the job rows, or any process's command line.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectionsTo } from '../../support/sockets'
import { spawnSttServer, startSttServer, type RunningSttServer } from '../../support/sttServers'
import { wordErrorRate } from '../../support/wer'
import {
  LIBRIVOX,
  clipReference,
  isAlive,
  joinedLibrivox,
  removeDir,
  tempDir,
  waitFor
} from '../pipeline/harness'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const KEY = 'sk-test-9f8e7d6c5b4a39281706'

let dir: string
let long: string
const servers: RunningSttServer[] = []

beforeAll(() => {
  dir = tempDir('transcriptor-cli-remote-')
  long = joinedLibrivox(join(dir, 'long.wav'))
})
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
})
afterAll(() => removeDir(dir))

function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, TRANSCRIPTOR_HOME: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')))
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')))
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((r) =>
    child.on('close', (code) => r({ code, stdout, stderr }))
  )
  return { child, done, output: () => stdout + stderr }
}

/** Every file under `root`, read as bytes (the database, its WAL, logs, outputs). */
function allBytes(root: string): string {
  let text = ''
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) text += readFileSync(join(entry.parentPath, entry.name)).toString('latin1')
  }
  return text
}

/** Command lines of every process on the machine that mention `text`. */
function commandLinesWith(text: string): string[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((e) => {
      try {
        const line = readFileSync(`/proc/${e}/cmdline`, 'utf8')
        return line.includes(text) ? [line] : []
      } catch {
        return []
      }
    })
}

describe('transcriptor transcribe --engine openai --endpoint URL1 --endpoint URL2', () => {
  it('completes, survives one server killed mid-job, and the key is nowhere but the request', async () => {
    const [a, b] = await Promise.all([
      spawnSttServer({ apiKey: KEY }),
      spawnSttServer({ apiKey: KEY })
    ])
    servers.push(a, b)
    const dataDir = join(dir, 'data-kill')
    const cli = startCli(
      [
        '--data-dir', dataDir, 'transcribe', long, '--engine', 'openai',
        '--endpoint', `${a.url},model=pocketsphinx`,
        '--endpoint', `${b.url},model=pocketsphinx`,
        '--chunk', '6', '--overlap', '1', '--format', 'txt,json', '--out', join(dir, 'out-kill')
      ], // prettier-ignore
      { TRANSCRIPTOR_API_KEY: KEY }
    )
    let keyInCommandLines: string[] = []
    await waitFor(
      () => {
        keyInCommandLines.push(...commandLinesWith(KEY))
        return a.lines.some((l) => /words in/.test(l))
      },
      'server A answered a chunk',
      300_000
    )
    a.kill()
    const result = await cli.done
    keyInCommandLines = keyInCommandLines.filter((l) => !l.includes('vitest'))
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(/done\s+long\.wav/)
    expect(readFileSync(join(dir, 'out-kill', 'long.txt'), 'utf8')).toMatch(/leisure to consider/)
    // Both servers were used with the key (401 otherwise), and the killed one's failure has its
    // reason: 'dropped', or only 'chunk N failed (connection refused)' when the other server
    // finished the job before the retries ran out.
    expect(b.lines.some((l) => /words in/.test(l))).toBe(true)
    const logs = readdirSync(join(dataDir, 'logs')).map((f) =>
      readFileSync(join(dataDir, 'logs', f), 'utf8')
    )
    expect(logs.join('\n')).toMatch(
      new RegExp(`endpoint 127\\.0\\.0\\.1:${a.port}:? .*(connection|dropped)`)
    )
    expect(logs.join('\n')).toMatch(/FLAC \d+ KB \(\d+ % smaller/)
    // The key: nowhere in the data dir (DB, WAL, logs, outputs), the CLI output, job rows, argv.
    expect(allBytes(dataDir)).not.toContain(KEY)
    expect(allBytes(join(dir, 'out-kill'))).not.toContain(KEY)
    expect(cli.output()).not.toContain(KEY)
    expect(keyInCommandLines).toEqual([])
    const rows = startCli(['--data-dir', dataDir, '--json', 'jobs', 'list'])
    const listed = await rows.done
    expect(listed.stdout).toContain('"endpoints"')
    expect(listed.stdout).not.toContain(KEY)
  }, 600_000)

  it('Ctrl-C with 4 requests in flight: no socket open within 200 ms, tree gone, job cancelled', async () => {
    const [a, b] = await Promise.all([
      spawnSttServer({ fault: 'hang' }),
      spawnSttServer({ fault: 'hang' })
    ])
    servers.push(a, b)
    const dataDir = join(dir, 'data-stop')
    const cli = startCli([
      '--data-dir', dataDir, 'transcribe', long, '--engine', 'openai',
      '--endpoint', `${a.url},concurrency=2`, '--endpoint', `${b.url},concurrency=2`,
      '--chunk', '6', '--overlap', '1', '--format', 'txt'
    ]) // prettier-ignore
    await waitFor(
      () => connectionsTo(a.port) + connectionsTo(b.port) === 4,
      '4 requests in flight',
      120_000
    )
    const pipelinePids = readdirSync('/proc')
      .filter((e) => /^\d+$/.test(e))
      .filter((e) => {
        try {
          return (
            readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(dataDir) &&
            Number(e) !== cli.child.pid
          )
        } catch {
          return false
        }
      })
      .map(Number)
    const t0 = Date.now()
    cli.child.kill('SIGINT')
    await waitFor(
      () => connectionsTo(a.port) + connectionsTo(b.port) === 0,
      'no socket open',
      5_000,
      // Polled finely: the 50 ms default alone could add a quarter of the 200 ms budget.
      5
    )
    const stopMs = Date.now() - t0
    const result = await cli.done
    console.log(`Ctrl-C → no socket open: ${stopMs} ms`)
    expect(result.code).toBe(130)
    expect(result.stderr).toMatch(/cancelled long\.wav/)
    expect(pipelinePids.length).toBeGreaterThan(0)
    expect(pipelinePids.filter(isAlive)).toEqual([])
    expect(existsSync(join(dataDir, 'tmp', 'job-1'))).toBe(false)
    expect(stopMs).toBeLessThanOrEqual(200)
  }, 300_000)

  it('jobs resume of a stopped job takes the key from TRANSCRIPTOR_API_KEY, as its transcribe did', async () => {
    // The first request hangs (the job is stopped there); the server answers the next one, with
    // the key only (401 without it).
    const server = await startSttServer({ apiKey: KEY, fault: 'hang', faultTimes: 1 })
    const clip = join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0880.wav')
    const dataDir = join(dir, 'data-resume')
    const out = join(dir, 'out-resume')
    try {
      const cli = startCli(
        [
          '--data-dir', dataDir, 'transcribe', clip, '--engine', 'openai',
          '--endpoint', `${server.url},model=pocketsphinx`, '--format', 'txt', '--out', out
        ], // prettier-ignore
        { TRANSCRIPTOR_API_KEY: KEY }
      )
      await waitFor(
        () => server.lines.some((l) => /fault hang/.test(l)),
        'the request hanging',
        60_000
      )
      cli.child.kill('SIGINT')
      const stopped = await cli.done
      expect(stopped.code, stopped.stderr).toBe(130)
      const resumed = await startCli(['--data-dir', dataDir, 'jobs', 'resume', '1'], {
        TRANSCRIPTOR_API_KEY: KEY
      }).done
      expect(resumed.code, resumed.stderr).toBe(0)
      expect(resumed.stdout).toMatch(/^job 1 completed$/m)
      expect(server.lines.filter((l) => /unauthorised/.test(l))).toEqual([])
      // pocketsphinx (the server's engine) hears "he was not an illness those young man" here.
      const text = readFileSync(join(out, 'sense_and_sensibility_01_austen_64kb-0880.txt'), 'utf8')
      expect(wordErrorRate(clipReference(clip), text)).toBeLessThanOrEqual(0.5)
    } finally {
      await server.stop()
    }
  }, 120_000)
})
