// The browser host (real server, real SocketBridge, real TranscriptionService) with one extra
// job whose process floods its log as fast as a pipe takes it, for bench/hostFlood.bench.ts.
// Run by tsx in its own process so its RSS is the host's alone. Prints one JSON line with its
// port and token, then a JSON line per request on stdin: `rss` → {rss}, `stop` → exits.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { HostedService } from '../../src/main/core/hosting/hostedService'
import { openStore } from '../../src/main/core/openDataDir'
import { ProcessManager } from '../../src/main/core/process/processManager'
import { createTranscriptionService } from '../../src/main/core/service/transcriptionService'
import { startWebHost } from '../../src/main/webHost/server'
import { sampleJob } from '../../tests/support/db'

const LINES = resolve(__dirname, '../../tests/fixtures/process/lines.mjs')

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'transcriptor-flood-'))
  const service = createTranscriptionService({ dataDir })
  const store = openStore(dataDir)
  const pm = new ProcessManager({
    repo: store.jobs,
    dataDir,
    instanceId: 'flood',
    settings: () => store.settings.get()
  })
  const released: string[] = []
  const hosted: HostedService = {
    handlers: service.handlers,
    on: (event, listener) =>
      event === 'job.logs'
        ? pm.on('log', listener as Parameters<typeof pm.on<'log'>>[1])
        : service.on(event, listener),
    releaseClient: (clientId, reason) => {
      released.push(clientId)
      return service.releaseClient(clientId, reason)
    },
    shutdown: (reason, timeoutMs) => service.shutdown(reason, timeoutMs)
  }
  const host = await startWebHost({
    service: hosted,
    rendererDir: resolve(__dirname, '../../out/renderer'),
    dataDir,
    log: () => undefined
  })
  const job = store.jobs.createJob(sampleJob({ filename: 'flood', original_path: LINES }))
  store.jobs.startJob(job.id)
  // Keeps the log small on disk: this bench measures the host's memory, not the disk.
  pm.spawnJob({
    jobId: job.id,
    command: process.execPath,
    args: [LINES, '1000000000'],
    ownerId: 'flood'
  })
  console.log(JSON.stringify({ port: host.port, token: host.token }))
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'rss') console.log(JSON.stringify({ rss: process.memoryUsage().rss, released }))
    if (line === 'stop') break
  }
  await pm.stopAll('bench over', { timeoutMs: 3000 })
  await pm.dispose()
  store.close()
  await host.close()
  await service.shutdown('bench over')
  rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}

void main()
