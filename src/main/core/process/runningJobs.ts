// The jobs this host has spawned and not yet retired, by id: which are alive, who owns them, and
// which stop when their owner goes away. An ended job leaves once its exit is fully handled.
import type { RunningJob } from './runningJob'

export class RunningJobs {
  private readonly byId = new Map<number, RunningJob>()

  get(jobId: number): RunningJob | undefined {
    return this.byId.get(jobId)
  }

  isAlive(jobId: number): boolean {
    return this.byId.get(jobId)?.alive ?? false
  }

  /** Refuses a second live process for one job. */
  assertFree(jobId: number): void {
    if (this.isAlive(jobId)) throw new Error(`job ${jobId} already has a running process`)
  }

  add(job: RunningJob): void {
    this.byId.set(job.jobId, job)
  }

  /** Removes this job's entry, unless a newer process of the same job took its place. */
  remove(job: RunningJob): void {
    if (this.byId.get(job.jobId) === job) this.byId.delete(job.jobId)
  }

  all(): RunningJob[] {
    return [...this.byId.values()]
  }

  alive(): RunningJob[] {
    return this.all().filter((j) => j.alive)
  }

  aliveIds(): number[] {
    return this.alive().map((j) => j.jobId)
  }

  /** The jobs this owner runs here that stop when it goes away (not kept in background). */
  releasable(ownerId: string): number[] {
    return this.alive()
      .filter((j) => j.ownerId === ownerId && !j.keepInBackground)
      .map((j) => j.jobId)
  }

  get size(): number {
    return this.byId.size
  }
}
