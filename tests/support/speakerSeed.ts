// Finished jobs whose transcripts have speakers, as the pipeline will leave them once it diarizes:
// its output files written by the real renderers, one centroid embedding per speaker in
// job_speaker_embeddings, then the runner's real completion step (completedJobAdopter: voice
// matching, then the transcript into the database) and the completed row.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { OutputFiles, OutputFormat } from '@shared/domain'
import type { Segment, Transcript } from '@shared/transcript'
import type { Store } from '../../src/main/core/openDataDir'
import { renderFormat } from '../../src/main/pipeline/formats'
import { saveJobSpeakerEmbeddings } from '../../src/main/core/voices/jobSpeakerEmbeddings'
import { completedJobAdopter } from '../../src/main/core/service/adoptCompleted'
import { sampleJob } from './db'

function segment(speaker: string, start: number, text: string): Segment {
  const words = text.split(' ').map((word, i) => ({
    word,
    start: start + i * 0.4,
    end: start + i * 0.4 + 0.35,
    speaker
  }))
  return { start, end: words[words.length - 1].end, text, speaker, words }
}

/** An interview: S1 asks, S2 answers twice, S1 again (turns of one and two segments). */
export function interviewTranscript(): Transcript {
  return {
    durationSeconds: 12,
    speakers: [
      { id: 'S1', name: 'Speaker 1' },
      { id: 'S2', name: 'Speaker 2' }
    ],
    segments: [
      segment('S1', 0, 'Good morning and welcome to the programme.'),
      segment('S2', 3, 'Thank you for having me.'),
      segment('S2', 5.5, 'It is a real pleasure.'),
      segment('S1', 8, 'Let us talk about rivers.')
    ]
  }
}

/** A unit vector along `axis`, tilted towards `towards` by `tilt` (cosine to `axis` = cos(tilt)). */
export function voiceVector(axis: number, towards = axis, tilt = 0, dims = 16): number[] {
  const v = new Array<number>(dims).fill(0)
  v[axis] += Math.cos(tilt)
  v[towards] += Math.sin(tilt)
  return v
}

export interface SpeakerJobOptions {
  filename: string
  outDir: string
  formats?: OutputFormat[]
  model?: string
  /** speaker id → centroid embedding. */
  embeddings: Record<string, number[]>
  transcript?: Transcript
}

/** A completed job with speakers; returns its id and the outputs its row records. */
export function completeSpeakerJob(
  store: Pick<Store, 'db' | 'jobs' | 'settings' | 'transcripts'>,
  o: SpeakerJobOptions
): { id: number; outputs: OutputFiles } {
  const formats = o.formats ?? ['txt', 'srt', 'vtt', 'json']
  const job = store.jobs.createJob(
    sampleJob({
      filename: o.filename,
      original_path: join(o.outDir, o.filename),
      formats: formats.join(','),
      output_dir: o.outDir
    })
  )
  store.jobs.startJob(job.id)
  mkdirSync(o.outDir, { recursive: true })
  const transcript = o.transcript ?? interviewTranscript()
  const stem = o.filename.replace(/\.[^.]+$/, '')
  const written: OutputFiles = {}
  for (const format of [...new Set<OutputFormat>([...formats, 'json'])]) {
    const path = join(o.outDir, `${stem}.${format}`)
    writeFileSync(path, renderFormat(format, transcript))
    written[format] = path
  }
  const heard = Object.entries(o.embeddings).map(([id, embedding]) => ({
    id,
    embedding,
    seconds: 2
  }))
  saveJobSpeakerEmbeddings(store.db, job.id, o.model ?? 'test-embedding', heard)
  const row = store.jobs.getJob(job.id)
  if (!row) throw new Error('the seeded job vanished')
  const outputs = completedJobAdopter(store)(row, written)
  store.jobs.completeJob(job.id, outputs)
  return { id: job.id, outputs }
}
