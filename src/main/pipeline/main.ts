// The pipeline subprocess (out/main/pipeline.js). Started by the ProcessManager in its own process
// group (or by hand / by tests with plain node). Structured events go to fd 3, readable lines to
// stdout/stderr. This file starts the job's first whisper worker before anything else loads
// (spawnFirstWorker.ts: it imports no schema), then the pipeline itself (pipelineStart.ts).
import { spawnFirstWorker } from './spawnFirstWorker'

const started = spawnFirstWorker(process.argv.slice(2))
void import('./pipelineStart').then((p) => p.startPipeline(started))
