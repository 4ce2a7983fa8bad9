// Starts one job's pipeline under the ProcessManager and turns what the pipeline reports into the
// job's row: progress while it runs, then completed (with outputs) or failed (with the reason).
// Cancellation is recorded by the ProcessManager when it stops a tree; the guarded updates make a
// late exit unable to overwrite it.
import type { JobRow, OutputFiles } from '@shared/domain'
import type { LiveChunk } from '@shared/transcript'
import type { PipelineEvent, PipelineSpec } from '@shared/pipelineProtocol'
import type { JobProgress } from '@shared/jobProgress'
import { oneLineError } from '@shared/errors'
import type { JobRepository } from '../db/jobRepository'
import { isDatabaseRefusal } from '../db/outcomes'
import type { JobExit, ProcessManager } from '../process/processManager'
import { pipelineLaunch } from '../process/pipelineLaunch'
import { dataPaths, jobTempDir, jobWorkDir } from '../paths'
import { jobOptionsOf } from './jobOptions'
import { outputBaseName, outputDirFor } from './jobOutputs'
import type { EndpointRef } from '@shared/endpoints'
import { API_KEY_ENV } from '../../pipeline/endpointKeys'
import type { QueuedJob } from './jobScheduler'
import { formatsToWrite } from '../transcripts/adoptOutputs'

interface RunState {
  outputs: OutputFiles | null
  error: string | null
}

export interface JobRunnerDeps {
  repo: JobRepository
  pm: ProcessManager
  dataDir: string
  /** Called whenever a job's row may have changed. */
  changed: (jobId: number) => void
  /** Called once when a job's pipeline is over (any outcome), to free its slot. */
  ended: (jobId: number) => void
  /** The job's endpoints and the environment that carries their keys. */
  endpointLaunch?: (job: JobRow) => {
    endpoints: EndpointRef[]
    env: NodeJS.ProcessEnv
    envKey: boolean
  }
  /** Per pipeline event, after the row is updated (requests in flight, for the job page). */
  onPipelineEvent?: (jobId: number, event: PipelineEvent) => void
  /** A chunk's words arrived (the live transcript). */
  words?: (chunk: LiveChunk) => void
  /** The pipeline's progress and resume-aware ETA, as it reported them. */
  progress?: (progress: JobProgress) => void
  /** The passage a "Transcribe again" job cuts from its input (src/main/core/service/passageRedo.ts). */
  passage?: (job: JobRow) => PipelineSpec['passage']
  /** One engine process's seconds per audio second on earlier jobs like this one, if any. */
  earlierSpeed?: (job: JobRow) => number | null
  /** Takes in a completed job's outputs (its transcript into the database); returns what to record. */
  adopt?: (job: JobRow, outputs: OutputFiles) => OutputFiles
}

export class JobRunner {
  private readonly states = new Map<number, RunState>()
  private readonly unsubscribe: (() => void)[]

  constructor(private readonly deps: JobRunnerDeps) {
    this.unsubscribe = [
      deps.pm.on('pipelineEvent', ({ jobId, event }) => this.onEvent(jobId, event)),
      deps.pm.on('exit', (exit) => this.onExit(exit))
    ]
  }

  start(queued: QueuedJob): void {
    const { repo, pm, dataDir } = this.deps
    const job = repo.getJob(queued.jobId)
    let started: boolean
    const startedAt = Date.now()
    try {
      started = job !== null && repo.startJob(job.id, startedAt)
    } catch (error) {
      // The database refused the start: the job cannot run (its row would lie); it fails, and
      // that outcome is held until the database accepts it. The queue moves on.
      if (job)
        pm.outcomes.record(job.id, {
          status: 'failed',
          message: `could not start: ${oneLineError(error)}`
        })
      queueMicrotask(() => this.deps.ended(queued.jobId))
      return
    }
    if (!job || !started) {
      // Cancelled or deleted while it waited.
      queueMicrotask(() => this.deps.ended(queued.jobId))
      return
    }
    this.states.set(job.id, { outputs: null, error: null })
    // While the disk still has room: the place its outcome goes if the database refuses it.
    pm.outcomes.prepare(job.id, startedAt)
    try {
      const endpoints = this.deps.endpointLaunch?.(job)
      const speed = this.deps.earlierSpeed?.(job)
      const launch = pipelineLaunch({
        ...specFor(job, dataDir, queued.resume === true),
        passage: this.deps.passage?.(job),
        ...(speed ? { earlierSecondsPerAudioSecond: speed } : {}),
        ...(endpoints?.endpoints.length && { endpoints: endpoints.endpoints })
      })
      const env = { ...launch.env, ...endpoints?.env }
      if (!endpoints?.envKey) delete env[API_KEY_ENV]
      pm.spawnJob({
        jobId: job.id,
        command: launch.command,
        args: launch.args,
        env,
        ownerId: queued.ownerId,
        keepInBackground: queued.keepInBackground
      })
    } catch (error) {
      this.states.delete(job.id)
      pm.outcomes.record(job.id, {
        status: 'failed',
        message: `could not start the pipeline: ${oneLineError(error)}`
      })
      queueMicrotask(() => this.deps.ended(job.id))
    }
    this.deps.changed(job.id)
  }

  dispose(): void {
    for (const off of this.unsubscribe) off()
  }

  private onEvent(jobId: number, event: PipelineEvent): void {
    const state = this.states.get(jobId)
    if (!state) return
    this.deps.onPipelineEvent?.(jobId, event)
    const { repo } = this.deps
    switch (event.type) {
      case 'probe':
        if (!bestEffort(() => repo.setDuration(jobId, event.durationSeconds))) return
        break
      case 'progress': {
        if (!bestEffort(() => repo.updateProgress(jobId, event.fraction))) return
        const { type: _type, ...progress } = event
        this.deps.progress?.({ jobId, ...progress })
        break
      }
      case 'done':
        state.outputs = event.outputs
        return
      case 'error':
        state.error = event.message
        return
      case 'warning':
        repo.addWarning(jobId, event.message)
        break
      case 'chunkWords': {
        const { type: _type, ...chunk } = event
        this.deps.words?.({ jobId, ...chunk })
        return
      }
      case 'engine':
      case 'endpointRequests':
      case 'speakers': // stored by the service (serviceCore.ts → saveJobSpeakerEmbeddings)
        return
    }
    this.deps.changed(jobId)
  }

  /**
   * The completed job's outputs as they will be recorded, after its transcript moved into the
   * database. A database that refuses the transcript (a full disk) must not cost the outcome:
   * the json file stays where the pipeline wrote it and is read from there later.
   */
  private adopt(jobId: number, outputs: OutputFiles): OutputFiles {
    const { adopt } = this.deps
    if (!adopt) return outputs
    try {
      const job = this.deps.repo.getJob(jobId)
      return job ? adopt(job, outputs) : outputs
    } catch {
      return outputs
    }
  }

  private onExit({ jobId, code, signal, stoppedByUs, lastStderr }: JobExit): void {
    const state = this.states.get(jobId)
    if (!state) return
    this.states.delete(jobId)
    const { outcomes } = this.deps.pm
    try {
      if (code === 0 && state.outputs) {
        outcomes.record(jobId, { status: 'completed', outputs: this.adopt(jobId, state.outputs) })
      } else if (!stoppedByUs) {
        outcomes.record(jobId, {
          status: 'failed',
          message: clipMessage(state.error ?? exitReason(code, signal, lastStderr))
        })
      }
      // Stopped by us: the ProcessManager records `cancelled` with the stop's reason once the
      // whole tree is confirmed gone; failing it here first would lose that reason.
      this.deps.pm.tidyWorkFolder(jobId)
      this.deps.changed(jobId)
    } finally {
      // Whatever the database did, the pipeline is over: its slot frees up.
      this.deps.ended(jobId)
    }
  }
}

function specFor(job: JobRow, dataDir: string, resume: boolean): PipelineSpec {
  return {
    ...jobOptionsOf(job),
    // Always json too: the transcript is read back into the database (adoptOutputs).
    formats: formatsToWrite(jobOptionsOf(job).formats),
    jobId: job.id,
    inputPath: job.original_path,
    outputDir: outputDirFor(job, dataDir),
    outputBaseName: outputBaseName(job.filename),
    tempDir: jobTempDir(dataDir, job.id),
    modelsDir: dataPaths(dataDir).models,
    workDir: jobWorkDir(dataDir, job.id),
    resume,
    // A recording still being made is followed as it grows; once ended it is an ordinary input.
    ...(job.recording === 'live' && { live: true })
  }
}

/** error_message is read in one line of History: ≤ ~500 characters, whatever an engine said. */
export const MAX_ERROR_MESSAGE_CHARS = 500

function clipMessage(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ')
  if (line.length <= MAX_ERROR_MESSAGE_CHARS) return line
  const cut = line.length - MAX_ERROR_MESSAGE_CHARS + 24
  return `${line.slice(0, MAX_ERROR_MESSAGE_CHARS - 24)}… [${cut} chars cut]`
}

/** Progress is not worth failing a job over: a write the database refuses is skipped. */
function bestEffort(write: () => unknown): boolean {
  try {
    write()
    return true
  } catch (error) {
    if (isDatabaseRefusal(error)) return false
    throw error
  }
}

function exitReason(code: number | null, signal: string | null, stderr: string[]): string {
  const last = stderr
    .filter((l) => l.trim())
    .slice(-1)[0]
    ?.trim()
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
  return last ? `pipeline ${how}: ${last}` : `pipeline ${how}`
}
