// whisper.cpp adapter: `whisper-cli` + a ggml model file. Threads = the job's `workers`.
// Nothing here downloads anything: when the binary or the model is missing, availability (and a
// job, at once) says exactly what to install and where to put it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, join } from 'node:path'
import type { EngineInfo, TimedWord } from '@shared/domain'
import { findExecutable } from '../os/findExecutable'
import { runEngineProcess } from './runEngineProcess'
import { buildWhisperArgs, parseWhisperJson, whisperJsonPath } from './whisperOutput'
import {
  EngineCrashError,
  EngineUnavailableError,
  type ChunkOptions,
  type Engine,
  type EngineContext
} from './types'

export const DEFAULT_WHISPER_MODEL = 'base.en'

export const WHISPER_INSTALL_HINT =
  'whisper.cpp not found: build https://github.com/ggml-org/whisper.cpp (cmake -B build && cmake --build build) ' +
  'and put build/bin/whisper-cli on PATH, or set TRANSCRIPTOR_WHISPER_CLI=/path/to/whisper-cli'

function findWhisperCli(env: NodeJS.ProcessEnv = process.env): string | null {
  const names = [env.TRANSCRIPTOR_WHISPER_CLI, 'whisper-cli', 'whisper-cpp', 'whisper.cpp']
  for (const name of names) {
    const found = name ? findExecutable(name, env) : null
    if (found) return found
  }
  return null
}

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

/** A model path, or a name like `base.en` found as `ggml-base.en.bin` in a model dir. */
export function resolveWhisperModel(model: string, context: EngineContext = {}): string | null {
  const name = model || DEFAULT_WHISPER_MODEL
  if (name.includes('/') || name.endsWith('.bin')) return isFile(name) ? name : null
  for (const dir of whisperModelDirs(context)) {
    for (const file of [`ggml-${name}.bin`, name]) {
      if (isFile(join(dir, file))) return join(dir, file)
    }
  }
  return null
}

function modelHint(model: string, context: EngineContext): string {
  const name = model || DEFAULT_WHISPER_MODEL
  return (
    `whisper model '${name}' not found: download ggml-${basename(name).replace(/^ggml-|\.bin$/g, '')}.bin ` +
    `(whisper.cpp: ./models/download-ggml-model.sh ${name}) into ${whisperModelDirs(context)[0]}, ` +
    'or pass --model /path/to/ggml-MODEL.bin'
  )
}

function listModels(context: EngineContext): string[] {
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

export const whisperEngine: Engine = {
  name: 'whisper',

  async availability(model = '', context: EngineContext = {}): Promise<EngineInfo> {
    const models = listModels(context)
    const cli = findWhisperCli()
    if (!cli) return { name: 'whisper', available: false, detail: WHISPER_INSTALL_HINT, models }
    const modelPath = resolveWhisperModel(model, context)
    if (!modelPath)
      return {
        name: 'whisper',
        available: false,
        detail: `${cli} found, but ${modelHint(model, context)}`,
        models
      }
    return { name: 'whisper', available: true, detail: `${cli} with ${modelPath}`, models }
  },

  async transcribeChunk(wavPath: string, o: ChunkOptions): Promise<TimedWord[]> {
    const cli = findWhisperCli()
    if (!cli) throw new EngineUnavailableError(WHISPER_INSTALL_HINT)
    const modelPath = resolveWhisperModel(o.model, o)
    if (!modelPath) throw new EngineUnavailableError(modelHint(o.model, o))
    const outputBase = join(o.scratchDir, basename(wavPath).replace(/\.wav$/, '') + '.whisper')
    const args = buildWhisperArgs({ model: modelPath, wavPath, threads: o.threads, outputBase })
    const { stderrTail } = await runEngineProcess(cli, args, o.signal, 'whisper-cli')
    // whisper-cli exits 0 even on some argument and model errors: the output file is the proof.
    const jsonPath = whisperJsonPath(outputBase)
    if (!isFile(jsonPath)) throw new EngineCrashError('whisper-cli wrote no output', stderrTail)
    return parseWhisperJson(readFileSync(jsonPath, 'utf8'))
  }
}
