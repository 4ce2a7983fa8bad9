// The running jobs' metrics: one sampler over every live tree, the status a job page asks for
// (fresh from the sampler, measured now, or read from the recorded row), and the sparkline
// history an ended job keeps for a while.
import { notRunning, type JobRow, type MetricsSample, type ProcessStatus } from '@shared/domain'
import { measureTreeNow, MetricsSampler, statusFromSample } from './metricsSampler'
import { recordedStatus } from './recordedJob'
import type { RunningJobs } from './runningJobs'

/** How many ended jobs keep their metrics history (a job page opened after the end draws it). */
const KEEP_ENDED = 20

export class JobMetrics {
  private readonly sampler: MetricsSampler
  /** Ended jobs whose sparkline history is still kept, oldest first (at most KEEP_ENDED). */
  private readonly ended: number[] = []

  constructor(
    private readonly jobs: RunningJobs,
    o: { intervalMs?: number; onSample: (sample: MetricsSample) => void }
  ) {
    this.sampler = new MetricsSampler({
      intervalMs: o.intervalMs,
      jobs: () => jobs.alive().map((j) => j.treeRef()),
      onSample: o.onSample
    })
  }

  start(): void {
    this.sampler.start()
  }

  stop(): void {
    this.sampler.stop()
  }

  /** The tree members the last sample saw (a stop also signals those that left the group). */
  members(jobId: number): { pid: number; startTime: string }[] {
    return this.sampler.members(jobId)
  }

  history(jobId: number): MetricsSample[] {
    return this.sampler.history(jobId)
  }

  trackedCount(): number {
    return this.sampler.trackedCount()
  }

  /** A live job's last sample (if recent) or a measurement now; else what its row records. */
  async status(jobId: number, row: () => JobRow | null | undefined): Promise<ProcessStatus> {
    const job = this.jobs.get(jobId)
    if (job?.alive) {
      const latest = this.sampler.latest(jobId)
      if (latest && Date.now() - latest.at < 2500) return statusFromSample(latest, job.pid)
      return measureTreeNow(job.treeRef(), 250)
    }
    const recorded = row()
    if (recorded && recorded.status === 'processing' && !job) return recordedStatus(recorded)
    return notRunning(job?.pid ?? recorded?.process_id ?? null)
  }

  /** An ended job's history stays for the last KEEP_ENDED jobs. */
  retire(jobId: number): void {
    this.ended.push(jobId)
    while (this.ended.length > KEEP_ENDED) this.sampler.forget(this.ended.shift() as number)
  }
}
