// The words a stopped, failed or crashed job had finished, read from its checkpoints: what its Job
// page shows (and what Resume will reuse) when no pipeline is running to send them live.
import type { LiveWords } from '@shared/transcript'
import { loadChunkWords, loadPlan } from '../../pipeline/checkpoints'
import { mergeChunkWords } from '../../pipeline/merge'
import { jobWorkDir } from '../paths'

export async function checkpointedWords(dataDir: string, jobId: number): Promise<LiveWords> {
  const dir = jobWorkDir(dataDir, jobId)
  const plan = await loadPlan(dir)
  if (!plan) return { jobId, chunksTotal: 0, chunks: [] }
  const finished = await loadChunkWords(dir, plan.chunks.length)
  const chunks = plan.chunks
    .filter((c) => finished.has(c.index))
    .map((c) => ({
      jobId,
      index: c.index,
      chunksTotal: plan.chunks.length,
      start: c.start,
      end: c.end,
      words: mergeChunkWords([{ chunk: c, words: finished.get(c.index) ?? [] }])
    }))
  return { jobId, chunksTotal: plan.chunks.length, chunks }
}
