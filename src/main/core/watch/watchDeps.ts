// What the watcher asks of the service: its own commands (service/watchFolders.ts builds them
// from the service's core), so a watch's jobs are created, resumed and stopped like a user's.
import type { JobOptions, JobRow, KillResult } from '@shared/domain'
import type { RequestContext } from '@shared/ipc/contract'
import type { Transcript } from '@shared/transcript'

export interface WatchDeps {
  createJob(path: string, options: JobOptions, ctx: RequestContext): Promise<JobRow>
  /**
   * The job that stands for these bytes transcribed with these options (completed, else queued
   * or running), or null: a file with that content is linked to it instead of run again.
   */
  jobWithContent(hash: string, options: JobOptions): JobRow | null
  /** Records a job's content hash (what `jobWithContent` finds it by). */
  setContentHash(jobId: number, hash: string): void
  getJob(id: number): JobRow | null
  resumeJob(id: number, ctx: RequestContext): Promise<JobRow>
  stopJob(id: number, reason: string): Promise<KillResult>
  transcript(id: number): Transcript | null
  onJobUpdated(listener: (job: JobRow) => void): () => void
  /** How many jobs run at once (for the batch's ETA). */
  concurrentJobs(): number
}
