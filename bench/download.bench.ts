// Model download throughput on loopback: the ModelManager (Range-capable download, SHA-1 while
// writing, atomic rename) against `curl -o` of the same file from the same server, same run.
// Target: ≥ 0.8× curl's throughput.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ModelManager } from '../src/main/core/models/modelManager'
import { startModelServer } from '../tests/support/modelServer'
import type { BenchResult } from './types'

const SIZE = 256 * 1024 * 1024
const ROUNDS = 3

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function run(): Promise<BenchResult[]> {
  const body = randomBytes(SIZE)
  const sha1 = createHash('sha1').update(body).digest('hex')
  const server = await startModelServer({ '/ggml-bench.bin': { body } })
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-bench-dl-'))
  const ours: number[] = []
  const curl: number[] = []
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now()
      // Async: the server lives in this process, so a blocking call would starve it.
      await promisify(execFile)('curl', [
        '-s',
        '-f',
        '-o',
        join(dir, `curl-${i}.bin`),
        server.url('/ggml-bench.bin')
      ])
      curl.push(performance.now() - t0)
      rmSync(join(dir, `curl-${i}.bin`))
      const manager = new ModelManager({
        modelsDir: join(dir, `m${i}`),
        baseUrl: () => server.base
      })
      const t1 = performance.now()
      await manager.pullUrl(server.url('/ggml-bench.bin'), sha1, 'bench')
      ours.push(performance.now() - t1)
      rmSync(join(dir, `m${i}`), { recursive: true })
    }
  } finally {
    await server.close()
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
      notes: 'ours includes SHA-1 of every byte and the atomic rename; curl only writes'
    }
  ]
}
