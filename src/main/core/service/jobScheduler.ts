// The queue between "the user asked" and "a pipeline runs": jobs wait as `queued` until fewer
// than `concurrentJobs` pipelines run. It also remembers who owns a job that has not started yet,
// because a client leaving must cancel its queued jobs too, not just its running ones, and who owns
// a job whose turn came but whose pipeline has not started yet (its input is still being read:
// sameContent.ts), which no process list holds.

export interface QueuedJob {
  jobId: number
  ownerId: string
  keepInBackground: boolean
  /** Continue from the job's checkpoints instead of starting over. */
  resume?: boolean
  /** Not before this job ends: it is transcribing the same content (sameContent.ts). */
  after?: number
}

export class JobScheduler {
  private readonly waiting: QueuedJob[] = []
  private readonly running = new Map<number, QueuedJob>()

  constructor(
    private readonly limit: () => number,
    private readonly start: (job: QueuedJob) => void
  ) {}

  enqueue(job: QueuedJob): void {
    this.waiting.push(job)
    this.pump()
  }

  /** A running job ended (any way): its slot frees up. */
  finished(jobId: number): void {
    if (this.running.delete(jobId)) this.pump()
  }

  /**
   * A job whose turn came goes back to the head of the queue, to start once `twinId` has ended:
   * its slot frees up now, and it is still a queued job of its owner's (a page leaving stops it).
   */
  waitBehind(jobId: number, twinId: number): void {
    const job = this.running.get(jobId)
    if (!job) return
    this.running.delete(jobId)
    this.waiting.unshift({ ...job, after: twinId })
    this.pump()
  }

  /** Takes a job out of the queue; returns false when it was not waiting. */
  remove(jobId: number): boolean {
    const index = this.waiting.findIndex((j) => j.jobId === jobId)
    if (index < 0) return false
    this.waiting.splice(index, 1)
    return true
  }

  waitingOwnedBy(ownerId: string): QueuedJob[] {
    return this.waiting.filter((j) => j.ownerId === ownerId)
  }

  /** Jobs of this owner whose turn came: running, or about to (their input being read). */
  startedOwnedBy(ownerId: string): QueuedJob[] {
    return [...this.running.values()].filter((j) => j.ownerId === ownerId)
  }

  allWaiting(): QueuedJob[] {
    return [...this.waiting]
  }

  setKeepInBackground(jobId: number, keep: boolean): void {
    const job = this.waiting.find((j) => j.jobId === jobId) ?? this.running.get(jobId)
    if (job) job.keepInBackground = keep
  }

  isRunning(jobId: number): boolean {
    return this.running.has(jobId)
  }

  private pump(): void {
    while (this.running.size < this.limit()) {
      const index = this.waiting.findIndex(
        (j) => j.after === undefined || !this.running.has(j.after)
      )
      if (index < 0) return
      const [next] = this.waiting.splice(index, 1)
      this.running.set(next.jobId, next)
      // start() reports failure through finished(); a throw here would strand the queue.
      try {
        this.start(next)
      } catch (error) {
        console.error(`[scheduler] job ${next.jobId} did not start: ${String(error)}`)
        this.running.delete(next.jobId)
      }
    }
  }
}
