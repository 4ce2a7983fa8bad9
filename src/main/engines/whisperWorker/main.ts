// The whisper engine worker (out/main/whisperWorker.js), started by the pipeline: it loads the
// model ONCE, then transcribes chunk after chunk as the pipeline sends them (JSON lines on stdin,
// replies on fd 3; see protocol.ts). It watches its parent: stdin closing (the pipeline died, even
// by kill -9) or a changed parent pid ends it at once, so a worker never outlives its job.
import { argumentValue, workerReplies, type WorkerReplies } from '../../os/workerReplies'
import { setImmediate } from 'node:timers/promises'
import type { TranscribeResult, WhisperContext } from '@fugood/whisper.node/lib/binding'
import { LineSplitter } from '../../os/lineSplitter'
import { exitWithParent } from '../../os/watchParent'
import { isGpuVariant, loadBinding, type LoadedBinding } from './binding'
import { checkGgmlFile } from './ggmlFile'
import { gpuChoiceNamed, type WhisperGpuChoice } from './gpuChoice'
import {
  WORKER_REPLY_FD,
  WorkerRequestSchema,
  parseLine,
  type Accelerator,
  type WorkerReply,
  type WorkerRequest
} from './protocol'
import { segmentsToWords } from './segmentsToWords'
import { readWavPcm } from './wavPcm'
import { oneLineError } from '@shared/errors'

const replies: WorkerReplies<WorkerReply> = workerReplies(WORKER_REPLY_FD, (message) => ({
  type: 'error',
  id: null,
  message
}))

/** whisper.cpp's own log: errors and warnings, and the few info lines that say what runs. */
const WORTH_LOGGING = /no GPU found|using .* backend|type\s+=|no tensors loaded|auto-detected/

function bindingOrFail(gpu: WhisperGpuChoice): LoadedBinding {
  try {
    return loadBinding(gpu)
  } catch (err) {
    return replies.fail(oneLineError(err))
  }
}

async function openContext(
  binding: LoadedBinding,
  modelPath: string,
  useGpu: boolean
): Promise<{ context: WhisperContext; gpuFound: boolean }> {
  const native = { found: true }
  binding.module.WhisperContext.toggleNativeLog(true, (level, text) => {
    if (/no GPU found/.test(text)) native.found = false
    if (level === 'error' || level === 'warn' || WORTH_LOGGING.test(text))
      process.stderr.write(`whisper.cpp ${level}: ${text.trimEnd()}\n`)
  })
  let context: WhisperContext
  try {
    context = new binding.module.WhisperContext({
      filePath: modelPath,
      useGpu,
      useFlashAttn: binding.flashAttention
    })
  } catch (err) {
    replies.fail(`whisper.cpp could not load the model ${modelPath}: ${oneLineError(err)}`)
  }
  // The model loaded synchronously on this thread; its native log lines wait in a thread-safe
  // function's queue, signalled on a libuv async handle. The next loop turn's poll phase drains
  // that queue and its check phase runs the second setImmediate, so every line has arrived here
  // (one turn is not enough when the load ran inside a poll callback, e.g. a stdin request).
  await setImmediate()
  await setImmediate()
  return { context, gpuFound: native.found }
}

async function loadModel(modelPath: string, gpu: WhisperGpuChoice): Promise<WhisperContext> {
  const check = checkGgmlFile(modelPath)
  if (!check.ok) replies.fail(check.reason)
  const started = Date.now()
  let binding = bindingOrFail(gpu)
  let opened = await openContext(binding, modelPath, gpu !== 'cpu')
  let fallback = binding.fallback
  if (isGpuVariant(binding.variant) && !opened.gpuFound) {
    // A GPU build without a GPU runs its own CPU code, a baseline one: the CPU build is faster.
    await opened.context.release()
    const gpuBuild = binding.packageName
    binding = bindingOrFail('cpu')
    opened = await openContext(binding, modelPath, false)
    fallback = `no GPU found for ${gpuBuild} → using ${binding.packageName}`
  }
  const accelerator: Accelerator = opened.gpuFound ? binding.accelerator : 'CPU'
  replies.reply({
    type: 'ready',
    backend: `whisper.cpp ${binding.packageName} (CPU code: ${binding.cpuLevel})`,
    accelerator,
    loadMs: Date.now() - started,
    fallback
  })
  return opened.context
}

async function transcribe(context: WhisperContext, request: WorkerRequest): Promise<void> {
  if (request.type !== 'transcribe') return
  const { id } = request
  try {
    const { promise } = context.transcribeData(readWavPcm(request.wavPath), {
      language: request.language,
      translate: request.translate,
      maxThreads: request.threads,
      // Each token's time (whisper's own estimate, as whisper-cli's JSON output has it), so a
      // word starts where it is spoken rather than at an even share of its segment. Cheap: it
      // reads probabilities the decoder computed anyway (segmentsToWords.ts uses them).
      tokenTimestamps: true,
      ...(request.temperature !== undefined && { temperature: request.temperature }),
      onProgress: (percent: number) =>
        replies.reply({ type: 'progress', id, fraction: Math.min(1, Math.max(0, percent / 100)) })
    })
    const result: TranscribeResult = await promise
    replies.reply({
      type: 'result',
      id,
      words: segmentsToWords(result.segments),
      language: result.language ?? null
    })
  } catch (err) {
    replies.reply({ type: 'error', id, message: oneLineError(err) })
  }
}

async function main(): Promise<void> {
  const modelPath = argumentValue('--model')
  if (!modelPath) replies.fail('usage: whisperWorker.js --model PATH [--gpu auto|cpu|vulkan|cuda]')
  const gpu = gpuChoiceNamed(argumentValue('--gpu'))
  exitWithParent()
  const context = await loadModel(modelPath, gpu)
  // One chunk at a time: the pipeline sends the next only after this one's reply.
  let queue = Promise.resolve()
  const splitter = new LineSplitter()
  process.stdin.on('data', (data: Buffer) => {
    for (const line of splitter.push(data)) {
      const request = parseLine(WorkerRequestSchema, line)
      if (!request) continue
      if (request.type === 'shutdown') process.exit(0)
      queue = queue.then(() => transcribe(context, request))
    }
  })
}

void main()
