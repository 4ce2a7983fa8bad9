// The pipeline subprocess (out/main/pipeline.js). Started by the ProcessManager in its own process
// group (or by hand / by tests with plain node). Structured events go to fd 3, readable lines to
// stdout/stderr. This file reads the spec and spawns the job's first engine worker, and only then
// loads the rest (pipelineProcess.ts: stop handlers, watchdog, the run): on whisper the worker's
// start (Node, the addon, the model) is the longest step before the first chunk, and none of the
// rest (the other engines, checkpoints, outputs) is needed to begin it.
import { createEventSink } from './events'
import { startEarlyWorker } from './earlyWorker'
import { parsePipelineArgs } from './spec'
import { oneLineError } from '@shared/errors'

const log = (line: string): void => {
  process.stdout.write(`[pipeline ${process.pid}] ${line}\n`)
}

function main(): void {
  const emit = createEventSink()
  let args: ReturnType<typeof parsePipelineArgs>
  try {
    args = parsePipelineArgs(process.argv.slice(2))
  } catch (err) {
    const message = oneLineError(err)
    emit({ type: 'error', message })
    process.stderr.write(`[pipeline ${process.pid}] ${message}\n`)
    process.exit(2)
  }
  const { spec } = args
  const controller = new AbortController()
  log(`job ${spec.jobId}: ${spec.inputPath} → ${spec.outputDir} (${spec.formats.join(',')})`)
  const early = startEarlyWorker(spec, log, controller.signal)
  void import('./pipelineProcess').then((p) =>
    p.runPipelineProcess({ args, emit, controller, early })
  )
}

main()
