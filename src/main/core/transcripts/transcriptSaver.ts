// The host's side of the save worker (saveWorker.ts): started at the first save or revert, asked
// one per message, each answered by its sequence number. A worker that fails or stops fails the
// tasks it held with one line; the next one starts a new worker. It keeps the process alive only
// while a task is in flight.
import { Worker } from 'node:worker_threads'
import type { TranscriptDocument, TranscriptSaved } from '@shared/transcript'
import { oneLineError } from '@shared/errors'
import { builtScriptPath } from '../../os/builtScript'
import type { SaveRequest } from './saveChange'
import type { SaveReply, SaveTask, SaveWorkerData } from './saveWorker'

type Task = { save: SaveRequest } | { revert: number }

interface Waiting {
  resolve: (value: TranscriptSaved | TranscriptDocument) => void
  reject: (error: Error) => void
}

export class TranscriptSaver {
  private worker: Worker | null = null
  private readonly waiting = new Map<number, Waiting>()
  private seq = 0

  constructor(private readonly databasePath: string) {}

  save(request: SaveRequest): Promise<TranscriptSaved> {
    return this.ask({ save: request }) as Promise<TranscriptSaved>
  }

  /** Back to the engine's original (revertEdits.ts). */
  revert(id: number): Promise<TranscriptDocument> {
    return this.ask({ revert: id }) as Promise<TranscriptDocument>
  }

  private ask(task: Task): Promise<TranscriptSaved | TranscriptDocument> {
    const worker = this.worker ?? this.start()
    const seq = ++this.seq
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject })
      worker.ref()
      worker.postMessage({ ...task, seq } satisfies SaveTask)
    })
  }

  /** Stops the worker; a task still in flight is refused (its transaction never commits). */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) await worker.terminate()
    this.failAll('the host is shutting down')
  }

  private start(): Worker {
    const data: SaveWorkerData = { databasePath: this.databasePath }
    const worker = new Worker(builtScriptPath('saveWorker.js'), { workerData: data })
    this.worker = worker
    worker.on('message', (reply: SaveReply) => {
      const waiting = this.waiting.get(reply.seq)
      this.waiting.delete(reply.seq)
      if (this.waiting.size === 0) worker.unref()
      if (reply.ok) waiting?.resolve(reply.value)
      else waiting?.reject(new Error(reply.error))
    })
    const gone = (why: string): void => {
      if (this.worker === worker) this.worker = null
      this.failAll(why)
    }
    worker.on('error', (error) => gone(`the save worker failed: ${oneLineError(error)}`))
    worker.on('exit', (code) => gone(`the save worker stopped (exit ${code})`))
    return worker
  }

  private failAll(why: string): void {
    for (const waiting of this.waiting.values()) waiting.reject(new Error(why))
    this.waiting.clear()
  }
}
