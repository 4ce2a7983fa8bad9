// The pipeline subprocess once its spec is read and its first engine worker spawned (main.ts):
// stop handlers, the watchdog, then the run. Whatever happens — success, failure, SIGTERM, losing
// the parent — the temp dir is removed and every engine process is killed before exit.
import { rmSync } from 'node:fs'
import type { EventSink } from './events'
import { describeFailure } from './pipelineFailure'
import type { EarlyWorker } from './earlyWorker'
import type { PipelineRun } from './runPipeline'
import type { parsePipelineArgs } from './spec'
import { startWatchdog } from './watchdog'
import { onControlMessage, STOP_MESSAGE } from './controlPipe'
import { oneLineError } from '@shared/errors'

const log = (line: string): void => {
  process.stdout.write(`[pipeline ${process.pid}] ${line}\n`)
}
const logError = (line: string): void => {
  process.stderr.write(`[pipeline ${process.pid}] ${line}\n`)
}

export interface StartedPipeline {
  args: ReturnType<typeof parsePipelineArgs>
  emit: EventSink
  /** Aborting it kills every engine/ffmpeg child, the early worker included. */
  controller: AbortController
  early: EarlyWorker
}

export function runPipelineProcess({ args, emit, controller, early }: StartedPipeline): void {
  const { spec } = args
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

/** The run's code: a file's or a live recording's. */
async function loadRun(live: boolean): Promise<PipelineRun> {
  if (live) return (await import('./liveRecording')).runLiveRecording
  return (await import('./runPipeline')).runPipeline
}
