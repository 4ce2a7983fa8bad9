// The job's first engine worker starts as soon as the spec is read (whisper's process even
// before that: spawnFirstWorker.ts), before the rest of the pipeline's code loads, and so beside
// the engine check, the probe and the decode instead of after them. On whisper the worker's own
// start (Node, the whisper.cpp addon, the model) is the longest step before the first chunk.
// The pool takes it as its warm-up worker (engineWorkers.ts); Stop (the signal) kills it even
// before the pool has it, and a run that fails before then kills it through the same signal
// (pipelineProcess.ts aborts it).
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { whisperEngine } from '../engines/whisper'
import type { EngineWorker } from '../engines/types'
import type { StartedWorker } from '../engines/whisperWorker/spawnWorker'
import type { Log } from './events'

/** A worker being started, or undefined when the job's engine has none (one process per chunk). */
export type EarlyWorker = Promise<EngineWorker | null> | undefined

export function startEarlyWorker(
  spec: PipelineSpec,
  log: Log,
  signal: AbortSignal,
  firstProcess: StartedWorker | null = null
): EarlyWorker {
  // Whisper is the engine with workers (the others run a process per chunk, or none). Its module is
  // imported here rather than the registry, so the spawn waits for no other engine's code to load.
  const engine = spec.engine === whisperEngine.name ? whisperEngine : null
  if (!engine?.startWorker || signal.aborted) {
    firstProcess?.child.kill('SIGKILL')
    return undefined
  }
  const { model, modelsDir } = spec
  const started = engine.startWorker({ model, modelsDir, log, signal, started: firstProcess })
  // Its failure is the pool's to handle (a lane then starts a worker that says why); until the
  // pool takes it, a rejection must not count as unhandled.
  started.catch(() => undefined)
  signal.addEventListener(
    'abort',
    () =>
      void started.then(
        (w) => w?.close(),
        () => undefined
      ),
    { once: true }
  )
  return started
}
