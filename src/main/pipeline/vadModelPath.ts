// Which file a VAD model choice names (docs: /work/notes CONTRACTS §4, the model kinds' layout):
// '' = the catalog's default; a NAME is <modelsDir>/vad/ggml-NAME.bin, then <modelsDir>/ggml-NAME.bin;
// anything with a slash or ending in .bin is a path. Only finds the file: whether it is a model
// is checked where it is opened (openSpeechDetector.ts, the worker).
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The catalog name of the VAD model users pull (whisper.cpp's Silero v6.2.0 in ggml form). */
export const DEFAULT_VAD_MODEL = 'silero-v6.2.0'

export type ResolvedVadModel = { path: string } | { missing: string }

export function resolveVadModel(choice: string | undefined, modelsDir?: string): ResolvedVadModel {
  const name = choice?.trim() || DEFAULT_VAD_MODEL
  if (name.includes('/') || name.includes('\\') || name.endsWith('.bin')) {
    const path = resolve(name)
    return existsSync(path) ? { path } : { missing: `VAD model ${path} not found` }
  }
  if (!modelsDir) return { missing: `VAD model ${name}: no model folder to look in` }
  const candidates = [
    join(modelsDir, 'vad', `ggml-${name}.bin`),
    join(modelsDir, `ggml-${name}.bin`)
  ]
  const found = candidates.find((p) => existsSync(p))
  if (found) return { path: found }
  return {
    missing: `VAD model ${name} is not installed (transcriptor models pull ${DEFAULT_VAD_MODEL})`
  }
}
