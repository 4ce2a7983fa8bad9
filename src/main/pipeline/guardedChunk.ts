// One chunk through the loop guard (loopGuard.ts): its words, or — when they look like a loop or
// a hallucination — the words of one re-run with the fallbacks; a re-run that still fails keeps
// its words and the reason, which marks the passage doubtful. The log names the chunk and why.
import type { TimedWord } from '@shared/transcript'
import type { ChunkPlan } from './chunking'
import type { Log } from './events'
import { chunkDoubt } from './loopGuard'
import type { SpeechStretch } from './speechDetector'

export interface GuardedWords {
  words: TimedWord[]
  /** Why the words are still doubtful after the re-run; null when they are not. */
  doubtful: string | null
}

export async function guardedChunk(
  chunk: ChunkPlan,
  o: { log: Log; speech: readonly SpeechStretch[] | null; chunkCount: number },
  first: () => Promise<TimedWord[]>,
  rerun: { how: string; run: () => Promise<TimedWord[]> }
): Promise<GuardedWords> {
  const name = `chunk ${chunk.index + 1}/${o.chunkCount}`
  const words = await first()
  const doubt = chunkDoubt(words, chunk, o.speech)
  if (!doubt) return { words, doubtful: null }
  o.log(`loop guard: ${name} ${doubt}; re-running it once ${rerun.how}`)
  const again = await rerun.run()
  const still = chunkDoubt(again, chunk, o.speech)
  if (!still) {
    o.log(`loop guard: ${name} re-run is clean (${again.length} word(s)), kept instead`)
    return { words: again, doubtful: null }
  }
  o.log(`loop guard: ${name} still ${still} after the re-run; kept, marked doubtful`)
  return { words: again, doubtful: still }
}
