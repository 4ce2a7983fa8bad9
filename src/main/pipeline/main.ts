// The pipeline subprocess (out/main/pipeline.js). Started by the ProcessManager in its own process
// group (or by hand / by tests with plain node). Structured events go to fd 3, readable lines to
// stdout/stderr. Whatever happens — success, failure, SIGTERM, losing the parent — the temp dir
// is removed and every engine process is killed before exit.
import { rmSync } from 'node:fs'
import { createEventSink } from './events'
import { describeFailure } from './pipelineFailure'
import { startEarlyWorker } from './earlyWorker'
import type { PipelineRun } from './runPipeline'
import { parsePipelineArgs } from './spec'
import { startWatchdog } from './watchdog'
import { onControlMessage, STOP_MESSAGE } from './controlPipe'
import { oneLineError } from '@shared/errors'

const log = (line: string): void => {
  process.stdout.write(`[pipeline ${process.pid}] ${line}\n`)
}
const logError = (line: string): void => {
  process.stderr.write(`[pipeline ${process.pid}] ${line}\n`)
}

function main(): void {
  const emit = createEventSink()
  let args: ReturnType<typeof parsePipelineArgs>
  try {
    args = parsePipelineArgs(process.argv.slice(2))
  } catch (err) {
    const message = oneLineError(err)
    emit({ type: 'error', message })
    logError(message)
    process.exit(2)
  }
  const { spec } = args
  const controller = new AbortController()
  const removeTempDir = (): void => {
    try {
      rmSync(spec.tempDir, { recursive: true, force: true, maxRetries: 3 })
    } catch (err) {
      logError(`could not remove temp dir ${spec.tempDir}: ${oneLineError(err)}`)
    }
  }
  process.on('exit', removeTempDir)

  const stop = (why: string, code: number): void => {
    logError(`stopping: ${why}`)
    // Aborting kills every engine/ffmpeg child synchronously (SIGKILL); they are also in our
    // process group, which the ProcessManager signals as a whole.
    controller.abort()
    removeTempDir()
    process.exit(code)
  }
  process.on('SIGTERM', () => stop('SIGTERM', 143))
  process.on('SIGINT', () => stop('SIGINT', 130))
  process.on('SIGHUP', () => stop('SIGHUP', 129))
  // The parent holding our stdout/stderr may die first (kill -9 of the app): a write then fails
  // with EPIPE, which must not crash us before the watchdog has stopped the workers.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined)
  process.on('uncaughtException', (err) => {
    emit({ type: 'error', message: describeFailure(err) })
    stop(`uncaught: ${err.message}`, 1)
  })
  if (args.supervised) {
    onControlMessage(STOP_MESSAGE, () => stop('stop requested by the supervisor', 143))
    startWatchdog({
      onParentLost: (why, killed) => stop(`parent lost: ${why}; killed ${killed} process(es)`, 70)
    })
  }

  log(`job ${spec.jobId}: ${spec.inputPath} → ${spec.outputDir} (${spec.formats.join(',')})`)
  const early = startEarlyWorker(spec, log, controller.signal)
  // The run's code loads after the worker is spawned: both go on at once (earlyWorker.ts).
  loadRun(spec.live === true)
    .then((run) => run(spec, emit, log, controller.signal, early))
    .then(
      () => {
        removeTempDir()
        process.exit(0)
      },
      (err: unknown) => {
        if (controller.signal.aborted) return
        const message = describeFailure(err)
        emit({ type: 'error', message })
        logError(`failed: ${message}`)
        if (!(err instanceof Error) || message.startsWith('internal error'))
          logError(String(err instanceof Error && err.stack ? err.stack : err))
        controller.abort()
        removeTempDir()
        process.exit(1)
      }
    )
}

/** The run's code, imported only now (the early worker starts first). */
async function loadRun(live: boolean): Promise<PipelineRun> {
  if (live) return (await import('./liveRecording')).runLiveRecording
  return (await import('./runPipeline')).runPipeline
}

main()
