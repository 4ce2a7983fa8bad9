// The whisper engine: whisper.cpp with ggml models. Two backends:
//  - bundled (default): @fugood/whisper.node's prebuilt whisper.cpp, run in worker processes that
//    load the model once and take chunk after chunk (whisperWorker/);
//  - cli: `whisper-cli` on PATH, one process per chunk (TRANSCRIPTOR_WHISPER_BACKEND=cli).
// Nothing here downloads anything: a missing model is reported with the command that fetches it.
import type { EngineInfo } from '@shared/domain'
import type { TimedWord } from '@shared/transcript'
import { variantInstalled } from './whisperWorker/binding'
import { cpuFlags, cpuLevel, nativeBuild, prebuiltLevel } from './whisperWorker/cpuBuild'
import { checkGgmlFile } from './whisperWorker/ggmlFile'
import { whisperBackend } from './whisperBackend'
import { whisperGpuChoice } from './whisperWorker/gpuChoice'
import { WhisperWorkerClient, WorkerStartError } from './whisperWorker/client'
import { findWhisperCli, transcribeWithCli, WHISPER_INSTALL_HINT } from './whisperCli'
import { whisperLanguage } from './whisperLanguage'
import { listWhisperModels, modelHint, resolveWhisperModel } from './whisperModelPath'
import { oneLineError } from '@shared/errors'
import {
  EngineUnavailableError,
  type ChunkOptions,
  type Engine,
  type EngineContext,
  type EngineWorker,
  type WorkerOptions
} from './types'

export { DEFAULT_WHISPER_MODEL, resolveWhisperModel, whisperModelDirs } from './whisperModelPath'
export { WHISPER_INSTALL_HINT } from './whisperCli'

interface WhisperModelFile {
  path: string
  multilingual: boolean
}

const BUNDLED_MISSING =
  'the bundled whisper.cpp (@fugood/whisper.node) has no build for ' +
  `${process.platform}-${process.arch} here: reinstall with optional dependencies, or set ` +
  'TRANSCRIPTOR_WHISPER_BACKEND=cli and put whisper-cli on PATH'

/** The CPU build that will run and its SIMD level, and the GPU builds used when a GPU is found. */
function bundledDescription(): string {
  const gpu = (['vulkan', 'cuda'] as const).filter(variantInstalled)
  const names = gpu.map((v) => (v === 'cuda' ? 'CUDA' : 'Vulkan'))
  const gpuNote = names.length
    ? ` (+ ${names.join(', ')} build${names.length > 1 ? 's' : ''}, used when a GPU is found)`
    : ''
  if (process.platform === 'darwin' && process.arch === 'arm64')
    return `bundled whisper.cpp: Metal, CPU ${prebuiltLevel()}${gpuNote}`
  const native = nativeBuild()
  if (native.build?.runtimeDispatch)
    return `whisper.cpp built here, runtime dispatch: CPU ${native.build.level} (${native.build.path})${gpuNote}`
  if (native.build)
    return `whisper.cpp built for this CPU: CPU ${native.build.level} (${native.build.path})${gpuNote}`
  const here = cpuLevel(cpuFlags())
  const why = native.reason ?? 'none built here (./setup.sh builds one where cmake and g++ exist)'
  return `bundled whisper.cpp: CPU ${prebuiltLevel()}, this CPU has ${here}; build for this CPU: ${why}${gpuNote}`
}

async function availability(model = '', context: EngineContext = {}): Promise<EngineInfo> {
  const models = listWhisperModels(context)
  const unavailable = (detail: string): EngineInfo => ({
    name: 'whisper',
    available: false,
    detail,
    models
  })
  let runner: string
  if (whisperBackend() === 'cli') {
    const cli = findWhisperCli()
    if (!cli) return unavailable(WHISPER_INSTALL_HINT)
    runner = `whisper-cli ${cli}`
  } else {
    if (!variantInstalled('default') && !variantInstalled('native'))
      return unavailable(BUNDLED_MISSING)
    runner = bundledDescription()
  }
  const modelPath = resolveWhisperModel(model, context)
  if (!modelPath) return unavailable(`${runner}, but ${modelHint(model, context)}`)
  return { name: 'whisper', available: true, detail: `${runner}, model ${modelPath}`, models }
}

/** The model's path and, from its header, whether it is multilingual; or the one line why not. */
function modelOrThrow(model: string, context: EngineContext): WhisperModelFile {
  const path = resolveWhisperModel(model, context)
  if (!path) throw new EngineUnavailableError(modelHint(model, context))
  const check = checkGgmlFile(path)
  if (!check.ok) throw new EngineUnavailableError(check.reason)
  return { path, multilingual: check.multilingual }
}

function languageOrThrow(model: WhisperModelFile, o: ChunkOptions): string {
  try {
    return whisperLanguage(model, o.language, o.translate)
  } catch (err) {
    throw new EngineUnavailableError(oneLineError(err))
  }
}

/** Chunks longer than whisper's 30 s window report progress per window; allow for slow CPUs. */
const STALL_MS = 10 * 60_000

async function startBundledWorker(o: WorkerOptions): Promise<EngineWorker> {
  let model: WhisperModelFile
  try {
    model = modelOrThrow(o.model, o)
  } catch (err) {
    o.started?.child.kill('SIGKILL')
    throw err
  }
  let client: WhisperWorkerClient
  try {
    client = await WhisperWorkerClient.start({
      modelPath: model.path,
      gpu: whisperGpuChoice(),
      log: o.log,
      signal: o.signal,
      started: o.started
    })
  } catch (err) {
    if (err instanceof WorkerStartError) throw new EngineUnavailableError(err.message)
    throw err
  }
  const { ready } = client
  return {
    description: `${ready.backend}, ${ready.accelerator}`,
    fallback: ready.fallback,
    loadMs: ready.loadMs,
    detectsLanguage: model.multilingual,
    async transcribe(wavPath, c) {
      const language = languageOrThrow(model, c)
      return client.transcribe(
        {
          wavPath,
          language,
          translate: c.translate === true,
          threads: c.threads,
          ...(c.temperature !== undefined && { temperature: c.temperature }),
          stallMs: STALL_MS
        },
        c.signal,
        (f) => c.onProgress?.(f)
      )
    },
    close: () => client.kill()
  }
}

async function transcribeChunk(wavPath: string, o: ChunkOptions): Promise<TimedWord[]> {
  const model = modelOrThrow(o.model, o)
  const language = languageOrThrow(model, o)
  if (whisperBackend() === 'cli') {
    const cli = findWhisperCli()
    if (!cli) throw new EngineUnavailableError(WHISPER_INSTALL_HINT)
    return transcribeWithCli(cli, model.path, language, wavPath, o)
  }
  // Without a pool: a worker for this one chunk (the model loads every time).
  const worker = await startBundledWorker({
    model: model.path,
    modelsDir: o.modelsDir,
    log: () => {}
  })
  try {
    return (await worker.transcribe(wavPath, o)).words
  } finally {
    worker.close()
  }
}

export const whisperEngine: Engine = {
  name: 'whisper',
  availability,
  transcribeChunk,
  startWorker: (o) => (whisperBackend() === 'cli' ? Promise.resolve(null) : startBundledWorker(o))
}
