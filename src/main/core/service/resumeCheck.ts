// Whether a job can be resumed, and if not, the one line that says why. The pipeline checks the
// same things again when it starts (the file could change in between); checking here first lets
// the user's Resume click be refused at once, with the reason, instead of failing the job.
import { access, readdir } from 'node:fs/promises'
import type { JobRow } from '@shared/domain'
import { oneLineError } from '@shared/errors'
import type { ResumeOffer } from '@shared/resumeOffer'
import { chunkShapeOf, fingerprintInput, loadPlan, resumeRefusal } from '../../pipeline/checkpoints'
import { jobWorkDir } from '../paths'

export interface ResumeCheck {
  /** Chunks finished before (0 when the job is started over from its first chunk). */
  plannedChunks: number
}

export async function checkResumable(job: JobRow, dataDir: string): Promise<ResumeCheck> {
  if (job.status !== 'failed' && job.status !== 'cancelled')
    throw new Error(`job ${job.id} is ${job.status}; only a stopped or failed job can be resumed`)
  const gone = await access(job.original_path).then(
    () => false,
    () => true
  )
  if (gone) throw new Error(`cannot resume job ${job.id}: its input ${job.original_path} is gone`)
  const plan = await loadPlan(jobWorkDir(dataDir, job.id))
  if (!plan) return { plannedChunks: 0 }
  const refusal = resumeRefusal(
    plan,
    await fingerprintInput(job.original_path),
    chunkShapeOf({
      chunkSeconds: job.chunk_seconds,
      overlapSeconds: job.overlap_seconds,
      cutAtSilences: true,
      engine: job.engine,
      model: job.model
    })
  )
  if (refusal) throw new Error(`cannot resume job ${job.id}: ${refusal}`)
  return { plannedChunks: plan.chunks.length }
}

const CHUNK_FILE = /^chunk-\d{5}\.json$/

/**
 * What Resume would continue from: the chunks whose words are checkpointed. Nothing (with the
 * reason) when the job cannot be resumed or never finished a chunk — Resume is not offered then.
 */
export async function resumeOffer(job: JobRow, dataDir: string): Promise<ResumeOffer> {
  let plannedChunks: number
  try {
    plannedChunks = (await checkResumable(job, dataDir)).plannedChunks
  } catch (err) {
    return { finishedChunks: 0, totalChunks: 0, reason: oneLineError(err) }
  }
  const names = await readdir(jobWorkDir(dataDir, job.id)).catch(() => [] as string[])
  const finishedChunks = Math.min(plannedChunks, names.filter((n) => CHUNK_FILE.test(n)).length)
  return {
    finishedChunks,
    totalChunks: plannedChunks,
    reason: finishedChunks > 0 ? null : 'no chunk was finished: nothing to resume from'
  }
}
