// The pipeline's side of one VAD worker process (main.ts): start it, wait until its model is
// loaded, send audio, read back speech stretches, kill it. Spawned like the whisper worker
// (../whisperWorker/client.ts): a child of the pipeline, so it is in the job's tree (tracked,
// measured, stopped with it); its stdout/stderr lines go to the job log.
import { spawn, type ChildProcess } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { builtScriptPath } from '../../os/builtScript'
import { LineSplitter } from '../../os/lineSplitter'
import { parseLine } from '../whisperWorker/protocol'
import {
  VAD_REPLY_FD,
  VadReplySchema,
  detectFrame,
  type VadParams,
  type VadReply
} from './protocol'

export interface VadStartOptions {
  modelPath: string
  threads: number
  log: (line: string) => void
}

export type VadStretch = { start: number; end: number }

type Pending = { resolve: (s: VadStretch[]) => void; reject: (e: Error) => void }

export class VadWorkerClient {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private exited: string | null = null
  private readonly exit: Promise<void>

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: Extract<VadReply, { type: 'ready' }>
  ) {
    this.exit = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve()
      else child.once('exit', () => resolve())
    })
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  /** Starts a worker; rejects with the one line that says why it could not load the model. */
  static start(o: VadStartOptions): Promise<VadWorkerClient> {
    const env: NodeJS.ProcessEnv = { ...process.env }
    if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1'
    const script = builtScriptPath('vadWorker.js')
    const args = [script, '--model', o.modelPath, '--threads', String(o.threads)]
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env })
    const label = `[vad ${child.pid ?? '?'}]`
    for (const stream of [child.stdout, child.stderr] as Readable[]) {
      const lines = new LineSplitter()
      stream.on('data', (b: Buffer) => lines.push(b).forEach((l) => o.log(`${label} ${l}`)))
    }
    ;(child.stdin as Writable).on('error', () => undefined)
    return new Promise((resolve, reject) => {
      let client: VadWorkerClient | null = null
      let startError: string | null = null
      const replies = new LineSplitter()
      ;(child.stdio[VAD_REPLY_FD] as Readable).on('data', (b: Buffer) => {
        for (const line of replies.push(b)) {
          const message = parseLine(VadReplySchema, line)
          if (!message) continue
          if (message.type === 'ready' && !client) {
            client = new VadWorkerClient(child, message)
            resolve(client)
          } else if (message.type === 'error' && message.id === null) startError = message.message
          else client?.onReply(message)
        }
      })
      child.on('error', (err) => reject(new Error(`VAD worker: ${err.message}`)))
      child.on('exit', (code, signal) => {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
        if (!client) return reject(new Error(startError ?? `VAD worker ${how} while loading`))
        client.onExit(how)
      })
    })
  }

  /** Speech stretches (seconds) in `pcm` (16 kHz mono). */
  detect(pcm: Int16Array, params: VadParams): Promise<VadStretch[]> {
    if (this.exited) return Promise.reject(new Error(`VAD worker ${this.exited}`))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.child.stdin?.write(detectFrame(id, pcm, params))
    })
  }

  private onReply(message: VadReply): void {
    if (message.type === 'ready' || message.id === null) return
    const p = this.pending.get(message.id)
    if (!p) return
    this.pending.delete(message.id)
    if (message.type === 'speech') p.resolve(message.stretches)
    else p.reject(new Error(`VAD failed: ${message.message}`))
  }

  private onExit(how: string): void {
    this.exited = how
    for (const p of this.pending.values()) p.reject(new Error(`VAD worker ${how}`))
    this.pending.clear()
  }

  /** SIGKILL (a worker holds nothing that needs a graceful end), and wait until it is gone. */
  async close(): Promise<void> {
    if (this.exited === null) this.child.kill('SIGKILL')
    await this.exit
  }
}
