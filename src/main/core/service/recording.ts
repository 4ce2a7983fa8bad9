// A recording is a job from its first second: the host creates the row and the WAV, starts the
// job's pipeline at once in live mode (it follows the growing file, tracked like any job's tree,
// outside the queue's limit: a microphone cannot wait its turn), and appends audio as it arrives.
// Stop ends the file (final header, synced) and tells the pipeline, which transcribes what is
// left and completes the job. If the pipeline ends first (a Stop on the job, a failure), the
// recording ends with it: the audio is kept either way, and Resume transcribes it.
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { JobOptions } from '@shared/domain'
import { oneLineError } from '@shared/errors'
import { RecordingFile } from '../recording/recordingFile'
import { setRecordingState } from '../recording/recordingRows'
import { recordingEndedMarker } from '../../pipeline/growingWav'
import { recordingsDir } from '../paths'
import { jobColumnsOf, withDefaults } from './jobOptions'
import { withEndpoints } from './endpointHandlers'
import type { ServiceCore } from './serviceCore'
import type { ActiveRecording } from './liveRecordings'

type RecordingDeps = Pick<
  ServiceCore,
  | 'dataDir'
  | 'repo'
  | 'store'
  | 'runner'
  | 'pm'
  | 'instanceId'
  | 'settings'
  | 'endpointDeps'
  | 'changed'
>

export interface RecordingRequest {
  ownerId: string
  options?: Partial<JobOptions>
  keepInBackground?: boolean
  /** Shown as the job's file name; default "Recording <local date and time>.wav". */
  name?: string
}

function stamp(now: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0')
  return (
    `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())} ` +
    `${two(now.getHours())}-${two(now.getMinutes())}-${two(now.getSeconds())}`
  )
}

export function startRecording(core: RecordingDeps, request: RecordingRequest): ActiveRecording {
  const now = new Date()
  const chosen = withEndpoints(
    core.endpointDeps,
    withDefaults(request.options, core.settings.get())
  )
  const path = join(recordingsDir(core.dataDir), `recording-${now.getTime()}-${process.pid}.wav`)
  let stoppedBecause: string | null = null
  let ended = false
  const file = RecordingFile.create(path, (reason) => end(reason))
  const job = core.repo.createJob({
    filename: request.name ?? `Recording ${stamp(now)}.wav`,
    original_path: path,
    duration_seconds: null,
    ...jobColumnsOf(chosen),
    owner_instance: core.instanceId,
    owner_pid: process.pid
  })
  setRecordingState(core.store.db, job.id, 'live')
  if (request.keepInBackground) core.repo.setKeepInBackground(job.id, true)
  /** The file is complete on disk, then the pipeline is told (it reads to the end after that). */
  const end = (reason: string | null): void => {
    if (ended) return
    ended = true
    stoppedBecause = reason
    file.close()
    try {
      setRecordingState(core.store.db, job.id, 'ended')
      writeFileSync(recordingEndedMarker(path), '')
      if (reason) core.repo.addWarning(job.id, reason)
    } catch (error) {
      console.error(`[recording] job ${job.id}: ${oneLineError(error)}`)
    }
    core.changed(job.id)
  }
  const offExit = core.pm.on('exit', ({ jobId }) => {
    if (jobId !== job.id) return
    offExit()
    end(file.open ? 'the recording stopped with its job' : null)
    setRecordingState(core.store.db, job.id, 'ended')
    rmSync(recordingEndedMarker(path), { force: true })
  })
  core.runner.start({
    jobId: job.id,
    ownerId: request.ownerId,
    keepInBackground: request.keepInBackground ?? false
  })
  return {
    jobId: job.id,
    path,
    get seconds() {
      return file.seconds
    },
    get stoppedBecause() {
      return stoppedBecause ?? file.failure
    },
    append: (pcm) => file.append(pcm),
    stop: (reason) => end(reason ?? null)
  }
}
