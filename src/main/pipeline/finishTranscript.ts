// The last step of a run: the chunks' words merged and labelled with speakers, doubtful passages
// and no-speech gaps marked, the input's warnings, the outputs written, the checkpoints cleared.
import type { Transcript } from '@shared/transcript'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import type { MediaProbe } from '../media/mediaProbe'
import type { DecodedAudio } from '../media/decode'
import { declaredSeconds } from '../media/declaredDuration'
import { clearCheckpoints } from './checkpoints'
import type { PreparedChunks } from './preparedChunks'
import type { EventSink, Log } from './events'
import { mergeChunkWords, type ChunkWords } from './merge'
import { groupSegments } from './segments'
import { checkedTranscript, fitWords } from './transcriptBounds'
import { transcriptWarnings } from './inputWarnings'
import { writeOutputs } from './writeOutputs'
import { withoutSpeakers, type JobSpeakers } from './speakerSource'
import { keepNamedSpeakers, labelWords, speakersEvent, splitAtSpeakers } from './speakerLabels'
import { markDoubtful, ownedRange } from './loopGuard'
import { inRecordingTime } from './passage'
import type { ChunkRun } from './chunkRun'

/** Merge, warnings, outputs: what happens once every chunk has its words. */
export async function finishTranscript(
  spec: PipelineSpec,
  emit: EventSink,
  log: Log,
  r: {
    probe: MediaProbe
    decoded: DecodedAudio
    prepared: PreparedChunks
    results: ChunkWords[]
    speakers: JobSpeakers
    run: ChunkRun
  }
): Promise<void> {
  const merged = fitWords(inRecordingTime(mergeChunkWords(r.results), spec.passage))
  const labelled =
    r.speakers?.by === 'endpoint'
      ? keepNamedSpeakers(merged)
      : labelWords(withoutSpeakers(merged), r.speakers?.found.result.turns ?? [])
  const { words } = labelled
  const doubtful = [...r.run.doubtful].map(([index, reason]) => ({
    ...ownedRange(r.prepared.chunks[index]),
    reason
  }))
  const transcript: Transcript = checkedTranscript({
    durationSeconds: r.decoded.durationSeconds + (spec.passage?.from ?? 0),
    segments: markDoubtful(
      labelled.speakers.length ? splitAtSpeakers(groupSegments(words)) : groupSegments(words),
      doubtful
    ),
    ...(labelled.speakers.length ? { speakers: labelled.speakers } : {}),
    // pocketsphinx's model is English; whisper's language is what was asked ('auto' = detected).
    language: spec.engine === 'whisper' ? (spec.language ?? 'auto') : 'en',
    task: spec.translate ? 'translate' : 'transcribe',
    ...(r.prepared.gaps.length > 0 && { gaps: r.prepared.gaps })
  })
  for (const message of transcriptWarnings({
    probedSeconds: spec.passage
      ? Math.min(r.probe.durationSeconds, spec.passage.to) - spec.passage.from
      : Math.max(r.probe.audioClaimSeconds, (await declaredSeconds(spec.inputPath)) ?? 0),
    decodedSeconds: r.decoded.durationSeconds,
    words,
    music: r.prepared.sound.music,
    // Only Silero tells speech from music and noise: the energy detector's "speech" is any sound.
    speech:
      r.prepared.speechBy === 'silero'
        ? { found: (r.prepared.speech ?? []).length > 0, gaps: r.prepared.gaps }
        : null
  })) {
    emit({ type: 'warning', message })
    log(`warning: ${message}`)
  }
  const outputs = await writeOutputs(transcript, spec.formats, spec.outputDir, spec.outputBaseName)
  if (r.speakers && labelled.speakers.length) {
    // The voices (centroids) exist only for speakers found here: the event carries them.
    if (r.speakers.by === 'here') emit(speakersEvent(r.speakers.found, labelled))
    const by = r.speakers.by === 'endpoint' ? ', as the endpoint named them' : ''
    log(`speakers: ${labelled.speakers.length} in the transcript${by}`)
  }
  emit({ type: 'done', outputs, wordCount: words.length })
  log(`done: ${words.length} word(s) → ${Object.values(outputs).join(', ')}`)
  if (spec.workDir) await clearCheckpoints(spec.workDir)
}
