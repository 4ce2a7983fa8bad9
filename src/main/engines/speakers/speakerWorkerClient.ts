// The pipeline's side of the speaker worker: start it with the request, relay its progress, and
// turn however it ends into the result or one line (a native exit or crash included). Its
// stdout/stderr go to the job log. Stop (the signal) kills it.
import { spawn } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { builtScriptPath } from '../../os/builtScript'
import { LineSplitter } from '../../os/lineSplitter'
import {
  DiarizeReplySchema,
  SPEAKER_REPLY_FD,
  type DiarizeReply,
  type DiarizeRequest
} from './protocol'

export type DiarizeResult = Extract<DiarizeReply, { type: 'result' }>

/**
 * The result is one line holding every turn of the file (about 60 characters each): a 3-hour
 * two-voice recording has some 3,300 turns, far past the line cap meant for a program's log. The
 * cap stays, as a bound on what a runaway worker can make the pipeline hold.
 */
const MAX_REPLY_CHARS = 64 * 1024 * 1024

/** The speaker step failed; the message is the one line a user reads. */
export class SpeakerStepError extends Error {}

function parseReply(line: string): DiarizeReply | null {
  try {
    const parsed = DiarizeReplySchema.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export interface SpeakerWorkerOptions {
  log: (line: string) => void
  signal: AbortSignal
  onProgress: (fraction: number) => void
  /** Told the worker's pid as soon as it runs (the log names it). */
  onStart?: (pid: number) => void
}

export function runSpeakerWorker(
  request: DiarizeRequest,
  o: SpeakerWorkerOptions
): Promise<DiarizeResult> {
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1'
  const script = builtScriptPath('speakerWorker.js')
  const child = spawn(process.execPath, [script, JSON.stringify(request)], {
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env
  })
  if (child.pid) o.onStart?.(child.pid)
  const label = `[speakers ${child.pid ?? '?'}]`
  for (const stream of [child.stdout, child.stderr] as Readable[]) {
    const lines = new LineSplitter()
    stream.on('data', (b: Buffer) => lines.push(b).forEach((l) => o.log(`${label} ${l}`)))
  }
  ;(child.stdin as Writable).on('error', () => undefined)
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  o.signal.addEventListener('abort', kill, { once: true })
  return new Promise<DiarizeResult>((resolve, reject) => {
    let result: DiarizeResult | null = null
    let error: string | null = null
    const replies = new LineSplitter(MAX_REPLY_CHARS)
    ;(child.stdio[SPEAKER_REPLY_FD] as Readable).on('data', (b: Buffer) => {
      for (const line of replies.push(b)) {
        const message = parseReply(line)
        if (message?.type === 'progress') o.onProgress(message.fraction)
        else if (message?.type === 'ready') o.log(`speaker models loaded in ${message.loadMs} ms`)
        else if (message?.type === 'result') result = message
        else if (message?.type === 'error') error = message.message
      }
    })
    child.on('error', (err) => reject(new SpeakerStepError(`speaker worker: ${err.message}`)))
    child.on('close', (code, signal) => {
      o.signal.removeEventListener('abort', kill)
      if (o.signal.aborted) return reject(new Error('cancelled'))
      if (result && code === 0) return resolve(result)
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
      reject(
        new SpeakerStepError(error ?? `the speaker worker ${how} (sherpa-onnx refused a model?)`)
      )
    })
  })
}
