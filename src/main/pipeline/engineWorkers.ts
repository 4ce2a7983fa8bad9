// The job's engine workers: at most `limit` processes, each loading its model once and taking
// chunk after chunk. The chunk pool's local lanes call `transcribe`; a lane takes an idle worker
// or starts one (never more than `limit`). Engines without workers run one process per chunk
// instead. Stop (the signal) kills every worker; so do `close` and the pipeline's exit.
import type { TimedWord } from '@shared/transcript'
import type { ChunkOptions, Engine, EngineWorker } from '../engines/types'
import { JobLanguage } from './jobLanguage'
import type { Log } from './events'

export interface EngineWorkerPoolOptions {
  engine: Engine
  model: string
  modelsDir?: string
  limit: number
  log: Log
  /** Called once, when the first worker is ready: backend, accelerator, fallback. */
  onFirstReady?: (worker: EngineWorker) => void
}

export class EngineWorkerPool {
  private readonly idle: EngineWorker[] = []
  private readonly all = new Set<EngineWorker>()
  private starting = 0
  /** The worker warmUp started, until a lane claims it. */
  private warming: Promise<EngineWorker | null> | null = null
  private noWorkers = false
  private announced = false
  private closed = false
  private readonly language: JobLanguage

  constructor(private readonly o: EngineWorkerPoolOptions) {
    this.language = new JobLanguage(o.log)
  }

  /** How many worker processes were started (for logs and benchmarks). */
  get started(): number {
    return this.all.size
  }

  async transcribe(wavPath: string, options: ChunkOptions): Promise<TimedWord[]> {
    const worker = await this.acquire()
    if (!worker) return this.o.engine.transcribeChunk(wavPath, options)
    try {
      const words = await this.language.transcribe(worker, wavPath, options)
      this.release(worker)
      return words
    } catch (err) {
      // A worker that failed a chunk may be dead or stuck: replace it rather than reuse it.
      this.discard(worker)
      throw err
    }
  }

  /**
   * Starts one worker now, while the audio is still being decoded and planned, so the first chunk
   * finds a model loaded (whisper's load is seconds on a big model); or takes the one the pipeline
   * started already (`early`, earlyWorker.ts). A failure here is not reported: the first lane
   * starts a worker of its own and reports that one's.
   */
  warmUp(early?: Promise<EngineWorker | null>): void {
    const startWorker = this.o.engine.startWorker?.bind(this.o.engine)
    if (this.noWorkers || !startWorker || this.warming || this.all.size > 0) {
      void early?.then(
        (w) => w?.close(),
        () => undefined
      )
      return
    }
    this.warming = this.start(early ? () => early : startWorker).catch(() => null)
  }

  close(): void {
    this.closed = true
    for (const w of this.all) w.close()
    this.all.clear()
    this.idle.length = 0
  }

  private async acquire(): Promise<EngineWorker | null> {
    const startWorker = this.o.engine.startWorker?.bind(this.o.engine)
    if (this.noWorkers || !startWorker) return null
    const ready = this.idle.pop()
    if (ready) return ready
    const warming = this.warming
    if (warming) {
      this.warming = null
      // null: the engine has no workers, or the warm-up failed and a fresh start says why.
      const worker = await warming
      if (worker) return worker
    }
    if (this.all.size + this.starting >= this.o.limit)
      throw new Error('engine worker pool: more lanes than workers')
    return this.start(startWorker)
  }

  private async start(
    startWorker: NonNullable<Engine['startWorker']>
  ): Promise<EngineWorker | null> {
    this.starting++
    try {
      const worker = await startWorker({
        model: this.o.model,
        modelsDir: this.o.modelsDir,
        log: this.o.log
      })
      if (!worker) {
        this.noWorkers = true
        return null
      }
      if (this.closed) {
        worker.close()
        throw new Error('cancelled')
      }
      this.all.add(worker)
      this.announce(worker)
      return worker
    } finally {
      this.starting--
    }
  }

  private announce(worker: EngineWorker): void {
    this.o.log(`engine worker ${this.all.size} ready: model loaded in ${worker.loadMs} ms`)
    if (this.announced) return
    this.announced = true
    if (worker.fallback) this.o.log(`GPU fallback: ${worker.fallback}`)
    this.o.onFirstReady?.(worker)
  }

  private release(worker: EngineWorker): void {
    if (this.closed) worker.close()
    else this.idle.push(worker)
  }

  private discard(worker: EngineWorker): void {
    worker.close()
    this.all.delete(worker)
  }
}
