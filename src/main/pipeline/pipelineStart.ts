// The pipeline's start once its first worker is on its way (main.ts): reads the spec, hands that
// worker to the engine, and only then loads the rest (pipelineProcess.ts: stop handlers, watchdog,
// the run), none of which is needed to begin the worker.
import type { StartedWorker } from '../engines/whisperWorker/spawnWorker'
import { createEventSink } from './events'
import { startEarlyWorker } from './earlyWorker'
import { parsePipelineArgs } from './spec'
import { oneLineError } from '@shared/errors'

const log = (line: string): void => {
  process.stdout.write(`[pipeline ${process.pid}] ${line}\n`)
}

export function startPipeline(started: StartedWorker | null): void {
  const emit = createEventSink()
  let args: ReturnType<typeof parsePipelineArgs>
  try {
    args = parsePipelineArgs(process.argv.slice(2))
  } catch (err) {
    const message = oneLineError(err)
    emit({ type: 'error', message })
    process.stderr.write(`[pipeline ${process.pid}] ${message}\n`)
    started?.child.kill('SIGKILL')
    process.exit(2)
  }
  const { spec } = args
  const controller = new AbortController()
  log(`job ${spec.jobId}: ${spec.inputPath} → ${spec.outputDir} (${spec.formats.join(',')})`)
  const early = startEarlyWorker(spec, log, controller.signal, started)
  void import('./pipelineProcess').then((p) =>
    p.runPipelineProcess({ args, emit, controller, early })
  )
}
