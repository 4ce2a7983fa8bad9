// Model download throughput on loopback: the ModelManager (Range-capable download, SHA-1 of the
// file on disk on a worker thread, ggml check, atomic rename) against `curl -o` of the same file
// from the same server, same run.
// Target: ≥ 0.8× curl's throughput.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { ModelManager } from '../src/main/core/models/modelManager'
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
const ROUNDS = 5
const TIME = '/usr/bin/time'

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function run(): Promise<BenchResult[]> {
  const body = ggmlBody(SIZE) // a download is installed only if it is a ggml model
  const sha1 = createHash('sha1').update(body).digest('hex')
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-bench-dl-'))
  writeFileSync(join(dir, 'served.bin'), body)
  const server = await startServer(join(dir, 'served.bin'))
  const ours: number[] = []
  const curl: number[] = []
  // Where the time goes: CPU per download (ours: this process, the hasher thread included).
  const oursCpu: number[] = []
  const curlCpu: number[] = []
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now()
      // Async, so this process stays responsive while curl runs; time(1) reports curl's CPU.
      const curlArgs = ['-s', '-f', '-o', join(dir, `curl-${i}.bin`), server.url]
      const timed = existsSync(TIME)
      const { stderr } = await promisify(execFile)(
        timed ? TIME : 'curl',
        timed ? ['-f', '%U %S', 'curl', ...curlArgs] : curlArgs
      )
      curl.push(performance.now() - t0)
      const [user, system] = stderr.trim().split(/\s+/).slice(-2).map(Number)
      if (timed) curlCpu.push((user + system) * 1000)
      rmSync(join(dir, `curl-${i}.bin`))
      const manager = new ModelManager({
        modelsDir: join(dir, `m${i}`),
        baseUrl: () => ''
      })
      const t1 = performance.now()
      const cpu0 = process.cpuUsage()
      await manager.pullUrl(server.url, sha1, 'bench')
      ours.push(performance.now() - t1)
      const cpu = process.cpuUsage(cpu0)
      oursCpu.push((cpu.user + cpu.system) / 1000)
      rmSync(join(dir, `m${i}`), { recursive: true })
    }
  } finally {
    server.child.kill()
    rmSync(dir, { recursive: true, force: true })
  }
  const mbps = (ms: number): number => SIZE / 1024 / 1024 / (ms / 1000)
  const value = mbps(median(ours))
  const baseline = mbps(median(curl))
  const ratio = value / baseline
  return [
    {
      name: `loopback download of ${SIZE / 1024 / 1024} MiB (median of ${ROUNDS})`,
      value: Math.round(value),
      unit: 'MiB/s',
      baseline: Math.round(baseline),
      ratio,
      target: '≥ 0.8× curl -o',
      pass: ratio >= 0.8,
      notes:
        `CPU per download: ours ${Math.round(median(oursCpu))} ms (SHA-1 of the file on a ` +
        `hasher thread, ggml check, rename), curl ${curlCpu.length ? `${Math.round(median(curlCpu))} ms` : 'n/a (no time(1))'}; ` +
        `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`
    }
  ]
}
