// The VAD worker (out/main/vadWorker.js): whisper.cpp's Silero voice activity detector, in a
// process of its own in the job's tree, because native code that can crash (a broken model file)
// must never take the pipeline down with it. A process of its own rather than a mode of the
// whisper worker: the VAD serves every engine (pocketsphinx and endpoint jobs have no whisper
// worker), loads in ~20 ms, and takes audio, not file paths (protocol.ts). It loads the model
// once, answers request after request, and ends when its parent goes (stdin closes or the parent
// pid changes), like the whisper worker (src/main/engines/whisperWorker/main.ts).
import { argumentValue, workerReplies, type WorkerReplies } from '../../os/workerReplies'
import { exitWithParent } from '../../os/watchParent'
import type { WhisperVadContext } from '@fugood/whisper.node/lib/binding'
import { loadBinding } from '../whisperWorker/binding'
import { checkVadModelFile } from './vadModelFile'
import { FrameReader, VAD_REPLY_FD, type VadReply, type VadRequest } from './protocol'
import { oneLineError } from '@shared/errors'

const replies: WorkerReplies<VadReply> = workerReplies(VAD_REPLY_FD, (message) => ({
  type: 'error',
  id: null,
  message
}))

function loadModel(modelPath: string, threads: number): WhisperVadContext {
  const check = checkVadModelFile(modelPath)
  if (!check.ok) replies.fail(check.reason)
  const started = Date.now()
  let binding: ReturnType<typeof loadBinding>
  try {
    binding = loadBinding('cpu')
  } catch (err) {
    replies.fail(oneLineError(err))
  }
  binding.module.WhisperVadContext.toggleNativeLog(true, (level, text) => {
    if (level === 'error' || level === 'warn')
      process.stderr.write(`whisper.cpp vad ${level}: ${text.trimEnd()}\n`)
  })
  let context: WhisperVadContext
  try {
    context = new binding.module.WhisperVadContext({
      filePath: modelPath,
      useGpu: false,
      nThreads: threads
    })
  } catch (err) {
    replies.fail(`the VAD model ${modelPath} did not load: ${oneLineError(err)}`)
  }
  replies.reply({ type: 'ready', backend: binding.packageName, loadMs: Date.now() - started })
  return context
}

async function detect(context: WhisperVadContext, request: VadRequest, pcm: Buffer): Promise<void> {
  if (request.type !== 'detect') return
  const { id } = request
  // whisper.cpp refuses empty audio; none is no speech.
  if (pcm.length < 2) return replies.reply({ type: 'speech', id, stretches: [] })
  try {
    const copy = new ArrayBuffer(pcm.length)
    pcm.copy(new Uint8Array(copy))
    const segments = await context.detectSpeechData(copy, request.params)
    // whisper.cpp gives centiseconds.
    const stretches = segments.map((s) => ({ start: s.t0 / 100, end: s.t1 / 100 }))
    replies.reply({ type: 'speech', id, stretches })
  } catch (err) {
    replies.reply({ type: 'error', id, message: oneLineError(err) })
  }
}

function main(): void {
  const modelPath = argumentValue('--model')
  const threads = Math.max(1, Number(argumentValue('--threads') ?? '1') || 1)
  if (!modelPath) replies.fail('usage: vadWorker.js --model PATH [--threads N]')
  exitWithParent()
  const context = loadModel(modelPath, threads)
  // One request at a time, in order.
  let queue = Promise.resolve()
  const frames = new FrameReader((request, payload) => {
    if (request.type === 'shutdown') process.exit(0)
    queue = queue.then(() => detect(context, request, payload))
  })
  process.stdin.on('data', (data: Buffer) => frames.push(data))
}

main()
