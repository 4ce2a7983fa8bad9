// The job's first whisper worker, started before the pipeline loads its own code: the worker's
// start (Node, the addon, the model) is the longest step before the first chunk, and the
// pipeline's loading (about 60 ms, mostly its schemas) then runs beside it instead of before it.
// The spec is read raw here, for the engine and the model alone; spec.ts validates it right
// after. A worker started for a spec that then fails ends with the pipeline (it watches its
// stdin); earlyWorker.ts hands it to the engine, which adopts it (whisperWorker/client.ts).
import { whisperBackend } from '../engines/whisperBackend'
import { resolveWhisperModel } from '../engines/whisperModelPath'
import { whisperGpuChoice } from '../engines/whisperWorker/gpuChoice'
import { spawnWhisperWorker, type StartedWorker } from '../engines/whisperWorker/spawnWorker'
import { specJson } from './specJson'

interface RawSpec {
  engine?: unknown
  model?: unknown
  modelsDir?: unknown
}

/** The --spec argument's fields as given, or null where it is no JSON object (spec.ts says why). */
function rawSpec(argv: string[]): RawSpec | null {
  try {
    const spec = specJson(argv)
    return typeof spec === 'object' && spec !== null ? (spec as RawSpec) : null
  } catch {
    return null
  }
}

export function spawnFirstWorker(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env
): StartedWorker | null {
  const spec = rawSpec(argv)
  if (spec?.engine !== 'whisper' || whisperBackend(env) !== 'bundled') return null
  if (typeof spec.model !== 'string') return null
  const modelsDir = typeof spec.modelsDir === 'string' ? spec.modelsDir : undefined
  const modelPath = resolveWhisperModel(spec.model, { modelsDir })
  return modelPath ? spawnWhisperWorker(modelPath, whisperGpuChoice(env)) : null
}
