// Model download throughput on loopback: the ModelManager (Range-capable download, SHA-1 on a
// worker thread, ggml check, atomic rename) against `curl -o` of the same file
// from the same server, same run, each writing it to disk.
// Ours runs as users get it: the same sources bundled and run by plain node in a process of its
// own (support/pullOnce.ts, timed from the request to the installed file; curl by its own clock
// from the request to the last byte), not inside this tsx process, whose loader thread alone made
// the same code run ~20 full GCs per download instead of 0-1.
// Target: ≥ 0.8× curl's throughput. A second row sets ours against the same work on curl's side
// (curl -o, then sha1sum), and the first says the least time the transfer's CPU allows on these
// cores: the server, our receiver and our hasher are three busy threads.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild' // the compiler tsx runs on (its dependency), not a package of ours
import { ggmlBody } from '../tests/support/modelServer'
import type { BenchResult } from './types'

// The server runs in its own process, so neither client shares an event loop with it.
const SERVER = `
const http = require('node:http'), fs = require('node:fs')
const [file] = process.argv.slice(1)
const size = fs.statSync(file).size
http.createServer((req, res) => {
  res.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' })
  fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(res)
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n') })
`

async function startServer(file: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER, file], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const port = await new Promise<string>((resolve) =>
    child.stdout?.once('data', (b: Buffer) => resolve(b.toString().trim()))
  )
  return { url: `http://127.0.0.1:${port}/ggml-bench.bin`, child }
}

const SIZE = 256 * 1024 * 1024
const ROUNDS = 7
const TIME = '/usr/bin/time'
/** /proc/PID/stat counts CPU in clock ticks: 100 per second on Linux (USER_HZ). */
const TICKS_PER_SECOND = 100

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const execFileP = promisify(execFile)

/** Writes the served file (a ggml head, then random bytes); its SHA-1. The body is not kept. It
 * is flushed to the disk first, so its writeback does not fall into the first rounds. */
function writeServed(path: string): string {
  const body = ggmlBody(SIZE) // a download is installed only if it is a ggml model
  writeFileSync(path, body)
  const fd = openSync(path, 'r')
  fsyncSync(fd)
  closeSync(fd)
  return createHash('sha1').update(body).digest('hex')
}

/** support/pullOnce.ts bundled into `dir`, the way the app's entries are built. */
async function bundlePull(dir: string): Promise<string> {
  const outfile = join(dir, 'pullOnce.js')
  await build({
    entryPoints: [join(__dirname, 'support/pullOnce.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    tsconfig: join(__dirname, '../tsconfig.node.json'),
    logLevel: 'warning'
  })
  return outfile
}

interface Pull {
  ms: number
  cpuMs: number
  fullGcs: number
  /** The server's CPU for this transfer (null where /proc cannot say). */
  serverCpuMs: number | null
}

interface Curl {
  ms: number
  cpuMs: number | null
  sha1sumMs: number | null
}

/** curl's own clock (from its request to the last byte written), as ours is timed inside; then
 * sha1sum of what it wrote, timed from outside: the same work as ours (download, then verify). */
async function curlOnce(url: string, out: string): Promise<Curl> {
  const args = ['-s', '-f', '-w', '%{time_total}', '-o', out, url]
  const timed = existsSync(TIME) // time(1) reports curl's CPU
  const { stdout, stderr } = await execFileP(
    timed ? TIME : 'curl',
    timed ? ['-f', '%U %S', 'curl', ...args] : args
  )
  const t0 = performance.now()
  const summed = await execFileP('sha1sum', [out]).then(
    () => performance.now() - t0,
    () => null // no sha1sum here: the row says so
  )
  rmSync(out)
  const [user, system] = stderr.trim().split(/\s+/).slice(-2).map(Number)
  return {
    ms: Number(stdout) * 1000,
    cpuMs: timed ? (user + system) * 1000 : null,
    sha1sumMs: summed
  }
}

/** CPU time a process has used so far (Linux's /proc; null elsewhere). */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
  } catch {
    return null
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-bench-dl-'))
  const sha1 = writeServed(join(dir, 'served.bin'))
  const pullOnce = await bundlePull(dir)
  const server = await startServer(join(dir, 'served.bin'))
  const ours: Pull[] = []
  const curl: Curl[] = []
  try {
    for (let i = 0; i < ROUNDS; i++) {
      curl.push(await curlOnce(server.url, join(dir, `curl-${i}.bin`)))
      const models = join(dir, `m${i}`)
      const serverCpu0 = cpuMsOf(server.child.pid)
      const { stdout } = await execFileP(process.execPath, [pullOnce, server.url, sha1, models])
      const serverCpu1 = cpuMsOf(server.child.pid)
      const serverCpuMs =
        serverCpu0 === null || serverCpu1 === null ? null : serverCpu1 - serverCpu0
      ours.push({ ...(JSON.parse(stdout) as Omit<Pull, 'serverCpuMs'>), serverCpuMs })
      rmSync(models, { recursive: true })
    }
  } finally {
    server.child.kill()
    rmSync(dir, { recursive: true, force: true })
  }
  return [againstCurl(ours, curl), againstCurlThenSha1sum(ours, curl)]
}

const mbps = (ms: number): number => SIZE / 1024 / 1024 / (ms / 1000)

function againstCurl(ours: Pull[], curl: Curl[]): BenchResult {
  const value = mbps(median(ours.map((p) => p.ms)))
  const baseline = mbps(median(curl.map((c) => c.ms)))
  const ratio = value / baseline
  const curlCpu = curl.flatMap((c) => (c.cpuMs === null ? [] : [c.cpuMs]))
  const ourCpu = median(ours.map((p) => p.cpuMs))
  const serverCpu = ours.flatMap((p) => (p.serverCpuMs === null ? [] : [p.serverCpuMs]))
  // Three busy threads (the server, our receiver, our hasher) share the cores: however well they
  // are scheduled, a download cannot take less than their CPU divided by the cores.
  const floor = serverCpu.length
    ? `; server CPU per transfer ${Math.round(median(serverCpu))} ms, so ours cannot take less ` +
      `than ${Math.round((median(serverCpu) + ourCpu) / cpus().length)} ms here (curl ` +
      `${Math.round(median(curl.map((c) => c.ms)))} ms)`
    : ''
  return {
    name: `loopback download of ${SIZE / 1024 / 1024} MiB (median of ${ROUNDS})`,
    value: Math.round(value),
    unit: 'MiB/s',
    baseline: Math.round(baseline),
    ratio,
    target: '≥ 0.8× curl -o',
    pass: ratio >= 0.8,
    notes:
      `ratios per round ${ours.map((p, i) => (curl[i].ms / p.ms).toFixed(2)).join(' ')}; ` +
      `CPU per download: ours ${Math.round(ourCpu)} ms (receive, write, SHA-1 on a hasher ` +
      `thread, ggml check, rename; full GCs ${ours.map((p) => p.fullGcs).join(',')}), curl ` +
      `${curlCpu.length ? `${Math.round(median(curlCpu))} ms` : 'n/a (no time(1))'}${floor}; ` +
      `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`
  }
}

/** The same work on both sides: curl -o, then sha1sum of the file, against ours (which checks
 * the SHA-1 while it downloads). */
function againstCurlThenSha1sum(ours: Pull[], curl: Curl[]): BenchResult {
  const name = `loopback download + SHA-1 of ${SIZE / 1024 / 1024} MiB (median of ${ROUNDS})`
  const both = curl.flatMap((c) => (c.sha1sumMs === null ? [] : [c.ms + c.sha1sumMs]))
  if (both.length < curl.length)
    return { name, value: NaN, unit: 'MiB/s', notes: 'not measured: no sha1sum here' }
  const value = mbps(median(ours.map((p) => p.ms)))
  const baseline = mbps(median(both))
  return {
    name,
    value: Math.round(value),
    unit: 'MiB/s',
    baseline: Math.round(baseline),
    ratio: value / baseline,
    notes:
      `baseline: curl -o then sha1sum (${Math.round(median(curl.map((c) => c.sha1sumMs ?? 0)))} ` +
      `ms of it); informational, no target`
  }
}
