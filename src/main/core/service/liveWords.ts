// The words of each running job's finished chunks, kept in main while the job runs so a Job page
// opened (or reloaded) mid-job can show everything so far, then follow the `job.words` events.
// Forgotten when the job's pipeline ends: the finished transcript is the truth from then on.
import type { LiveChunk, LiveWords } from '@shared/transcript'

export class LiveWordsBook {
  private readonly jobs = new Map<number, { chunksTotal: number; chunks: Map<number, LiveChunk> }>()

  add(chunk: LiveChunk): void {
    let job = this.jobs.get(chunk.jobId)
    if (!job)
      this.jobs.set(chunk.jobId, (job = { chunksTotal: chunk.chunksTotal, chunks: new Map() }))
    job.chunksTotal = chunk.chunksTotal
    job.chunks.set(chunk.index, chunk)
  }

  get(jobId: number): LiveWords {
    const job = this.jobs.get(jobId)
    if (!job) return { jobId, chunksTotal: 0, chunks: [] }
    const chunks = [...job.chunks.values()].sort((a, b) => a.index - b.index)
    return { jobId, chunksTotal: job.chunksTotal, chunks }
  }

  forget(jobId: number): void {
    this.jobs.delete(jobId)
  }
}
