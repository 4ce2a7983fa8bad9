// Whether a job can be resumed, and if not, the one line that says why. The pipeline checks the
// same things again when it starts (the file could change in between); checking here first lets
// the user's Resume click be refused at once, with the reason, instead of failing the job.
import { access } from 'node:fs/promises'
import type { JobRow } from '@shared/domain'
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
