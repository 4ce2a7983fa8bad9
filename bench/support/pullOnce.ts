// One model download by the app's ModelManager, in a process of its own: the download bench
// bundles this file and runs it with plain node, as the CLI and the app run their bundled code,
// so neither the bench's memory nor tsx's loader thread (which made the same code run ~20 full
// garbage collections per 256 MiB instead of 0-1) weighs on the code under test.
// Usage: node pullOnce.js URL SHA1 MODELS_DIR; prints one JSON line {ms, cpuMs, fullGcs}.
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks'
import { ModelManager } from '../../src/main/core/models/modelManager'

async function main(): Promise<void> {
  const [url, sha1, modelsDir] = process.argv.slice(2)
  let fullGcs = 0
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[])
      if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullGcs++
  })
  gcs.observe({ entryTypes: ['gc'] })
  const manager = new ModelManager({ modelsDir, baseUrl: () => '' })
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  await manager.pullUrl(url, sha1, 'bench')
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  gcs.disconnect()
  process.stdout.write(
    `${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, fullGcs })}\n`
  )
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`)
  process.exit(1)
})
