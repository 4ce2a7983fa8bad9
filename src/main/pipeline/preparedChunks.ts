// The chunks a run has to do: a fresh plan (saved to the work folder for a later resume), or, when
// resuming, the stored plan with the chunks already finished. A resume is refused with a reason
// when the input or the chunk-shaping options are not those of the interrupted run.
import type { TimedWord } from '@shared/transcript'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import type { ChunkPlan } from './chunking'
import * as checkpoints from './checkpoints'
import { describeSeams, describeSound, planAudioCuts, type AudioCutPlan } from './cutPlan'
import { measurePcmLevels } from '../media/pcmLevels'
import { musicVerdict } from './musicCheck'
import { oneLineError } from '@shared/errors'
import { speechOfFile } from './fileSpeech'

/** Resume is impossible; the message says why (a user reads it). */
export class ResumeRefusedError extends Error {}

export interface PreparedChunks extends AudioCutPlan {
  /** Words (relative to their chunk) of chunks finished by an earlier run. */
  finished: Map<number, TimedWord[]>
  /** Checkpoints a chunk's words (no-op without a work folder). */
  checkpoint(index: number, words: TimedWord[], doubtful?: string): Promise<void>
  /** Chunks an earlier run's loop guard kept as doubtful, and why. */
  doubts: Map<number, string>
}

function describeReuse(finished: Map<number, TimedWord[]>, total: number): string {
  const words = [...finished.values()].reduce((sum, w) => sum + w.length, 0)
  return (
    `resume: reused ${finished.size} of ${total} chunk(s) (${words} word(s)) from the checkpoints; ` +
    `transcribing the other ${total - finished.size}`
  )
}

/**
 * Saves finished chunks' words. A checkpoint only saves work for a later resume: a disk that
 * refuses it (full, read-only) costs that, said in one line, never the transcript being made.
 */
function checkpointWriter(
  workDir: string | undefined,
  log: (line: string) => void
): { refused: boolean; checkpoint: PreparedChunks['checkpoint'] } {
  const writer = {
    refused: false,
    checkpoint: async (index: number, words: TimedWord[], doubtful?: string): Promise<void> => {
      if (!workDir || writer.refused) return
      try {
        await checkpoints.saveChunkWords(workDir, index, words, doubtful)
      } catch (error) {
        writer.refused = true
        const reason = oneLineError(error)
        log(
          `checkpoint of chunk ${index + 1} not saved (${reason}); a resume would redo the chunks from here`
        )
      }
    }
  }
  return writer
}

export async function prepareChunks(
  spec: PipelineSpec,
  pcmPath: string,
  durationSeconds: number,
  signal: AbortSignal,
  log: (line: string) => void
): Promise<PreparedChunks> {
  const { workDir } = spec
  const writer = checkpointWriter(workDir, log)
  const { checkpoint } = writer
  if (workDir && spec.resume) {
    const stored = await checkpoints.loadPlan(workDir)
    if (stored) {
      const refusal =
        checkpoints.resumeRefusal(
          stored,
          await checkpoints.fingerprintInput(spec.inputPath),
          checkpoints.chunkShapeOf(spec)
        ) ??
        (Math.abs(stored.durationSeconds - durationSeconds) > 1e-6
          ? `the decoded audio is ${durationSeconds} s, the interrupted run's was ${stored.durationSeconds} s`
          : null)
      if (refusal) throw new ResumeRefusedError(`cannot resume: ${refusal}`)
      const chunks: ChunkPlan[] = stored.chunks.map(({ silent: _silent, ...c }) => c)
      const doubts = new Map<number, string>()
      const finished = await checkpoints.loadChunkWords(workDir, chunks.length, doubts)
      log(describeReuse(finished, chunks.length))
      // Not stored with the plan: one more pass over the PCM, as cheap as the first run's.
      const sound = musicVerdict(await measurePcmLevels(pcmPath, signal))
      return {
        sound,
        chunks,
        silent: stored.chunks.map((c) => c.silent),
        silentSeams: stored.silentSeams,
        overlapSeams: stored.overlapSeams,
        gaps: stored.gaps ?? [],
        speech: stored.speech ?? null,
        speechBy: stored.speechBy ?? null,
        finished,
        checkpoint,
        doubts
      }
    }
    log('resume: no checkpoint of an earlier run was found; starting from the beginning')
  }
  const speech = await speechOfFile(spec, pcmPath, signal, log)
  const plan = await planAudioCuts(pcmPath, durationSeconds, spec, signal, speech)
  if (workDir) {
    try {
      await checkpoints.clearCheckpoints(workDir)
      await checkpoints.savePlan(workDir, {
        version: 1,
        input: await checkpoints.fingerprintInput(spec.inputPath),
        shape: checkpoints.chunkShapeOf(spec),
        durationSeconds,
        silentSeams: plan.silentSeams,
        overlapSeams: plan.overlapSeams,
        chunks: plan.chunks.map((c, i) => checkpoints.toStoredChunk(c, plan.silent[i])),
        gaps: plan.gaps,
        speech: plan.speech,
        speechBy: plan.speechBy
      })
    } catch (error) {
      writer.refused = true
      const reason = oneLineError(error)
      log(`chunk plan not saved (${reason}): this run cannot be resumed`)
    }
  }
  log(`cuts: ${describeSeams(plan)}`)
  log(`sound: ${describeSound(plan.sound)}`)
  return { ...plan, finished: new Map(), checkpoint, doubts: new Map() }
}
