// Where whisper's ggml models are found: a path, or a name like `base.en` looked up as
// `ggml-base.en.bin` in the instance's model folder (what the model manager fills) and a few
// well-known folders.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, join } from 'node:path'
import type { EngineContext } from './types'

export const DEFAULT_WHISPER_MODEL = 'base.en'

/** Where ggml models are looked up by name, most specific first. */
export function whisperModelDirs(
  context: EngineContext = {},
  env: NodeJS.ProcessEnv = process.env
): string[] {
  return [
    env.TRANSCRIPTOR_WHISPER_MODELS,
    context.modelsDir,
    join(homedir(), '.cache', 'whisper'),
    '/usr/local/share/whisper.cpp/models',
    '/usr/share/whisper.cpp/models'
  ].filter((d): d is string => Boolean(d))
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile()
}

/**
 * A model path, or a name like `base.en` found as `ggml-base.en.bin` in a model dir. '' is the
 * default model, or when that is not installed the first installed one: whisper is ready as soon
 * as any model is (one imported or downloaded in the app included).
 */
export function resolveWhisperModel(model: string, context: EngineContext = {}): string | null {
  if (model === '') {
    const fallback = listWhisperModels(context).at(0)
    const found = findWhisperModel(DEFAULT_WHISPER_MODEL, context)
    return found ?? (fallback === undefined ? null : findWhisperModel(fallback, context))
  }
  return findWhisperModel(model, context)
}

function findWhisperModel(name: string, context: EngineContext): string | null {
  if (name.includes('/') || name.endsWith('.bin')) return isFile(name) ? name : null
  for (const dir of whisperModelDirs(context)) {
    for (const file of [`ggml-${name}.bin`, name]) {
      if (isFile(join(dir, file))) return join(dir, file)
    }
  }
  return null
}

export function modelHint(model: string, context: EngineContext): string {
  const name = model || DEFAULT_WHISPER_MODEL
  const bare = basename(name).replace(/^ggml-|\.bin$/g, '')
  return (
    `whisper model '${name}' not found: run \`transcriptor models pull ${bare}\` ` +
    `(or put ggml-${bare}.bin into ${whisperModelDirs(context)[0]}), or pass --model /path/to/ggml-MODEL.bin`
  )
}

export function listWhisperModels(context: EngineContext): string[] {
  const names = new Set<string>()
  for (const dir of whisperModelDirs(context)) {
    try {
      for (const file of readdirSync(dir)) {
        const m = /^ggml-(.+)\.bin$/.exec(file)
        if (m) names.add(m[1])
      }
    } catch {
      // Missing dirs are normal.
    }
  }
  return [...names].sort()
}
