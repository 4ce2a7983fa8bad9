// Public types of the ProcessManager (constructor options, events, spawn options).
import type { LogBatch, MetricsSample, Settings } from '@shared/domain'
import type { PipelineEvent } from '@shared/pipelineProtocol'
import type { JobRepository } from '../db/jobRepository'
import type { AppliedOutcome, PendingOutcome } from '../db/outcomes'
import type { ReapResult } from './orphanReaper'

export interface JobExit {
  jobId: number
  code: number | null
  signal: NodeJS.Signals | null
  /** True when this manager stopped it (killProcessTree / stopAll). */
  stoppedByUs: boolean
  /** The last ~20 stderr lines, for an error message. */
  lastStderr: string[]
}

export interface ProcessManagerEvents {
  log: LogBatch
  metrics: MetricsSample
  pipelineEvent: { jobId: number; event: PipelineEvent }
  exit: JobExit
  /** The reaper failed these jobs (orphans of a crashed or hung owner). */
  reaped: ReapResult[]
  /** The database refused a job's final status: it is held in memory and retried. */
  outcomeHeld: PendingOutcome
  /** A held final status reached the database. */
  outcomeSaved: PendingOutcome
  /** Outcomes another process kept in their slots on disk reached the database. */
  outcomesApplied: AppliedOutcome[]
}

export interface ProcessManagerOptions {
  repo: JobRepository
  dataDir: string
  /** Identifies this app instance in owner_instance. */
  instanceId: string
  settings: () => Settings
  /** SIGTERM → SIGKILL grace period (default os/stopTimings STOP_GRACE_MS). */
  graceMs?: number
  maxLogBytes?: number
  metricsIntervalMs?: number
}

export interface SpawnJobOptions {
  jobId: number
  command: string
  args: string[]
  env?: NodeJS.ProcessEnv
  cwd?: string
  ownerId: string
  keepInBackground?: boolean
}

export interface Registered {
  pid: number
  logPath: string
  registered: boolean
}
