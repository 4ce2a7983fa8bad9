// `npm run start:web -- [--data-dir DIR] [--port N]`: the browser host. Prints the address to
// open (with its token); SIGINT/SIGTERM stop every job (kept ones too), then exit 0.
import { join } from 'node:path'
import { readFlag, parsePort } from '../core/hosting/commandLine'
import { createTranscriptionService } from '../core/service/transcriptionService'
import { resolveDataDir } from '../core/paths'
import { oneLineError } from '@shared/errors'
import { startWebHost } from './server'
import { SHUTDOWN_TIMEOUT_MS } from '../os/stopTimings'

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const dataDir = resolveDataDir(readFlag(argv, 'data-dir'))
  const port = parsePort(readFlag(argv, 'port'))
  const service = createTranscriptionService({ dataDir })
  await service.start()
  await service.watch.start()
  const host = await startWebHost({
    service,
    dataDir,
    port,
    rendererDir: join(__dirname, '../renderer')
  })
  console.log(`Transcriptor browser host: open ${host.url}`)
  console.log(`data dir: ${dataDir}`)

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.error(`[webHost] ${signal}: stopping every job`)
    void host
      .close()
      .then(() => service.shutdown(`the browser host stopped (${signal})`, SHUTDOWN_TIMEOUT_MS))
      .catch((error: unknown) => console.error(`[webHost] shutdown failed: ${oneLineError(error)}`))
      .finally(() => process.exit(0))
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(`transcriptor web host: ${oneLineError(error)}`)
  process.exit(1)
})
