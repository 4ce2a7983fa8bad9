// The pipeline's side of one whisper worker process: start it, wait until its model is loaded,
// send chunks one at a time, relay progress, kill it. Its stdout/stderr lines go to the job log.
import type { ChildProcess } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import type { TimedWord } from '@shared/transcript'
import { LineSplitter } from '../../os/lineSplitter'
import { EngineCrashError } from '../types'
import type { WhisperGpuChoice } from './gpuChoice'
import { WORKER_REPLY_FD, WorkerReplySchema, parseLine, type WorkerReply } from './protocol'
import { spawnWhisperWorker, type StartedWorker } from './spawnWorker'

export type ReadyReply = Extract<WorkerReply, { type: 'ready' }>

export interface WorkerStartOptions {
  modelPath: string
  gpu: WhisperGpuChoice
  log: (line: string) => void
  /** Aborting before the model is loaded kills the process and rejects with 'cancelled'. */
  signal?: AbortSignal
  /** A process already started for this model and choice (it is adopted, not started again). */
  started?: StartedWorker | null
}

/** Calls `handler` when `child` exits, or (after its buffered output) if it has already. */
function onExit(
  child: ChildProcess,
  handler: (code: number | null, signal: NodeJS.Signals | null) => void
): void {
  if (child.exitCode === null && child.signalCode === null) child.on('exit', handler)
  else setImmediate(() => handler(child.exitCode, child.signalCode))
}

/** `started` if it was started for the same model and choice; else it is ended and a new one starts. */
function workerProcess(o: WorkerStartOptions): ChildProcess {
  const s = o.started
  if (s && s.modelPath === o.modelPath && s.gpu === o.gpu) return s.child
  s?.child.kill('SIGKILL')
  return spawnWhisperWorker(o.modelPath, o.gpu).child
}

export interface ChunkRequest {
  wavPath: string
  language: string
  translate: boolean
  threads: number
  temperature?: number
  /** A chunk that makes no progress for this long fails (the binding can hang on a native error). */
  stallMs: number
}

/** The worker could not start or load its model; the message is the one line to show. */
export class WorkerStartError extends Error {}

type Pending = {
  id: number
  resolve: (r: { words: TimedWord[]; language: string | null }) => void
  reject: (e: Error) => void
  onProgress: (fraction: number) => void
  touch: () => void
}

export class WhisperWorkerClient {
  private nextId = 1
  private pending: Pending | null = null
  private exited: string | null = null
  private lastError = ''

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: ReadyReply
  ) {}

  get pid(): number | undefined {
    return this.child.pid
  }

  static start(o: WorkerStartOptions): Promise<WhisperWorkerClient> {
    if (o.signal?.aborted) {
      o.started?.child.kill('SIGKILL')
      return Promise.reject(new Error('cancelled'))
    }
    const child = workerProcess(o)
    const label = `[whisper ${child.pid ?? '?'}]`
    for (const stream of [child.stdout, child.stderr] as Readable[]) {
      const lines = new LineSplitter()
      stream.on('data', (b: Buffer) => lines.push(b).forEach((l) => o.log(`${label} ${l}`)))
    }
    ;(child.stdin as Writable).on('error', () => undefined)
    return new Promise((resolve, reject) => {
      let client: WhisperWorkerClient | null = null
      let startError: string | null = null
      // A big model loads for seconds: a job stopped (or failed) meanwhile does not wait for it.
      const onAbort = (): void => {
        child.kill('SIGKILL')
        reject(new Error('cancelled'))
      }
      o.signal?.addEventListener('abort', onAbort, { once: true })
      const replies = new LineSplitter()
      ;(child.stdio[WORKER_REPLY_FD] as Readable).on('data', (b: Buffer) => {
        for (const line of replies.push(b)) {
          const message = parseLine(WorkerReplySchema, line)
          if (!message) continue
          if (message.type === 'ready' && !client) {
            o.signal?.removeEventListener('abort', onAbort)
            client = new WhisperWorkerClient(child, message)
            resolve(client)
          } else if (message.type === 'error' && message.id === null) startError = message.message
          else client?.onReply(message)
        }
      })
      const failed = (err: Error): void =>
        reject(new WorkerStartError(`whisper worker: ${err.message}`))
      child.on('error', failed)
      onExit(child, (code, signal) => {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
        o.signal?.removeEventListener('abort', onAbort)
        if (!client)
          return reject(
            new WorkerStartError(startError ?? `whisper worker ${how} while loading the model`)
          )
        client.onExit(how)
      })
      // What happened to an adopted process before it was adopted.
      const early = o.started?.child === child ? o.started.error : null
      if (early) failed(early)
    })
  }

  transcribe(
    request: ChunkRequest,
    signal: AbortSignal,
    onProgress: (fraction: number) => void
  ): Promise<{ words: TimedWord[]; language: string | null }> {
    if (this.exited)
      return Promise.reject(new EngineCrashError(`whisper worker ${this.exited}`, ''))
    if (this.pending) return Promise.reject(new Error('whisper worker is busy'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      let stall: NodeJS.Timeout
      const touch = (): void => {
        clearTimeout(stall)
        stall = setTimeout(() => {
          this.kill()
          finish(() =>
            reject(
              new EngineCrashError(
                `whisper made no progress for ${Math.round(request.stallMs / 1000)} s`,
                ''
              )
            )
          )
        }, request.stallMs)
      }
      const onAbort = (): void => {
        this.kill()
        finish(() => reject(new Error('cancelled')))
      }
      const finish = (settle: () => void): void => {
        clearTimeout(stall)
        signal.removeEventListener('abort', onAbort)
        this.pending = null
        settle()
      }
      if (signal.aborted) return reject(new Error('cancelled'))
      signal.addEventListener('abort', onAbort, { once: true })
      this.pending = {
        id,
        resolve: (r) => finish(() => resolve(r)),
        reject: (e) => finish(() => reject(e)),
        onProgress,
        touch
      }
      touch()
      const { stallMs: _stall, ...rest } = request
      void _stall
      this.child.stdin?.write(JSON.stringify({ type: 'transcribe', id, ...rest }) + '\n')
    })
  }

  private onReply(message: WorkerReply): void {
    const p = this.pending
    if (!p || !('id' in message) || message.id !== p.id) return
    if (message.type === 'progress') {
      p.touch()
      p.onProgress(message.fraction)
    } else if (message.type === 'result') p.resolve(message)
    else {
      this.lastError = message.message
      p.reject(new EngineCrashError('whisper failed on a chunk', message.message))
    }
  }

  private onExit(how: string): void {
    this.exited = how
    this.pending?.reject(new EngineCrashError(`whisper worker ${how}`, this.lastError))
  }

  get alive(): boolean {
    return this.exited === null
  }

  /** SIGKILL: a worker holds nothing that needs a graceful end. */
  kill(): void {
    if (this.exited === null) this.child.kill('SIGKILL')
  }
}
