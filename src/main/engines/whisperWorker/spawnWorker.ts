// Starting a whisper worker process (the built entry of whisperWorker/main.ts) for one model.
// Light on imports: the pipeline starts its first worker with it before its own code loads (about
// 60 ms of module loading that then runs beside the worker's start), and the client adopts it.
import { spawn, type ChildProcess } from 'node:child_process'
import { builtScriptPath } from '../../os/builtScript'
import type { WhisperGpuChoice } from './gpuChoice'

/** A worker process started for `modelPath`, not yet adopted by a client. */
export interface StartedWorker {
  child: ChildProcess
  modelPath: string
  gpu: WhisperGpuChoice
  /** Its start failed (e.g. the executable is gone) before a client listened. */
  error: Error | null
}

export function spawnWhisperWorker(modelPath: string, gpu: WhisperGpuChoice): StartedWorker {
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1'
  // The worker opens no connection: the extra CA bundle Node reads and parses as it starts (40 ms
  // of CPU here, half of Node's own start, on the way to the first chunk) is of no use to it.
  delete env.NODE_EXTRA_CA_CERTS
  const script = builtScriptPath('whisperWorker.js')
  const child = spawn(process.execPath, [script, '--model', modelPath, '--gpu', gpu], {
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env
  })
  const started: StartedWorker = { child, modelPath, gpu, error: null }
  // Until a client adopts it, a failed start is kept here rather than thrown at nobody.
  child.once('error', (err) => (started.error = err))
  return started
}
