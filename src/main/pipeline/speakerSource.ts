// Where a job's speakers come from: the local speaker step (speakerRun.ts), or the endpoint's own
// reply (src/main/engines/endpointSpeakers.ts). A server numbers the speakers of each request
// afresh: its "SPEAKER_00" in one chunk's reply need not be the voice it calls so in the next, and
// telling which labels of two requests are one voice takes the voices, which only the local step
// hears. So an endpoint's speakers stand for the job only when one request covers the whole file:
// a job of the endpoint engine in one chunk. Such a job's local step waits for the reply and runs
// only when the reply names no speakers; every other job runs it once its chunks are done and
// drops whatever speakers its endpoints named.
import { ENDPOINT_ENGINE, type EngineName } from '@shared/domain'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import type { TimedWord } from '@shared/transcript'
import type { ChunkWords } from './merge'
import { runSpeakerStep, type SpeakerRunContext } from './speakerRun'
import { wantsSpeakers, type FoundSpeakers } from './speakerStep'

/** The job's speakers: found here, named in the endpoint's reply, or none. */
export type JobSpeakers = { by: 'here'; found: FoundSpeakers } | { by: 'endpoint' } | null

/** Whether the endpoint's speakers can stand for this job's (one request covers the file). */
export function speakersFromEndpoint(
  spec: PipelineSpec,
  engine: EngineName,
  chunkCount: number
): boolean {
  return wantsSpeakers(spec) && engine === ENDPOINT_ENGINE && chunkCount === 1
}

/** The words without the speakers an endpoint named. */
export function withoutSpeakers(words: TimedWord[]): TimedWord[] {
  return words.map(({ speaker: _speaker, ...w }) => w)
}

/** How many speakers the chunks' words name when every word of every chunk has one; else 0. */
function namedSpeakers(results: readonly ChunkWords[]): number {
  const ids = new Set<string>()
  for (const { words } of results) {
    for (const w of words) {
      if (!w.speaker) return 0
      ids.add(w.speaker)
    }
  }
  return ids.size
}

/**
 * The job's speakers once its chunks are done: found here (the engine's workers and ffmpeg are
 * gone by then, so the speaker worker's memory never adds to theirs and the job's peak stays the
 * transcription's), or (`fromEndpoint`) the reply's, found here only when it names none.
 * Never rejects (speakerRun.ts).
 */
export async function jobSpeakers(
  spec: PipelineSpec,
  c: SpeakerRunContext,
  fromEndpoint: boolean,
  results: readonly ChunkWords[]
): Promise<JobSpeakers> {
  const here = (): Promise<JobSpeakers> =>
    runSpeakerStep(spec, c).then((found) => found && { by: 'here', found })
  if (!fromEndpoint) return here()
  const count = namedSpeakers(results)
  if (count === 0) {
    c.log('speakers: the endpoint named none; finding them here')
    return here()
  }
  c.log(`speakers: ${count} named by the endpoint; the speaker step does not run`)
  c.progress.done(c.progressIndex)
  return { by: 'endpoint' }
}
