// A job's options and its row, both ways: the row's columns are written from the options once
// (createJobs) and read back as options once (the pipeline spec, retry, resume).
import { resolve } from 'node:path'
import {
  OUTPUT_FORMATS,
  SpeakersChoiceSchema,
  jobOptionsIn,
  type SpeakersChoice,
  type JobOptions,
  type JobRow,
  type OutputFormat,
  type Settings
} from '@shared/domain'
import type { NewJob } from '../db/jobRepository'
import { endpointsOfJob } from './endpointHandlers'

/** What was asked, completed from the settings' defaults. */
export function withDefaults(
  options: Partial<JobOptions> | undefined,
  settings: Settings
): JobOptions {
  return { ...jobOptionsIn(settings), ...options }
}

/** The options a job was created with, read back from its row. */
export function jobOptionsOf(row: JobRow): JobOptions {
  return {
    engine: row.engine,
    model: row.model,
    processes: row.processes,
    workers: row.workers,
    chunkSeconds: row.chunk_seconds,
    overlapSeconds: row.overlap_seconds,
    formats: row.formats.split(',').filter(isOutputFormat),
    outputDir: row.output_dir ?? '',
    ...(row.endpoints && { endpoints: endpointsOfJob(row) }),
    language: row.language,
    translate: row.translate === 1,
    vad: row.vad,
    vadModel: row.vad_model,
    speakers: speakersOfColumn(row.speakers),
    ...(row.speaker_threshold !== null && { speakerThreshold: row.speaker_threshold }),
    segmentationModel: row.segmentation_model,
    embeddingModel: row.embedding_model
  }
}

/** 'off', 'auto' or a count as the column holds it; anything else (a hand edit) is off. */
function speakersOfColumn(text: string): SpeakersChoice {
  const parsed = SpeakersChoiceSchema.safeParse(/^\d+$/.test(text) ? Number(text) : text)
  return parsed.success ? parsed.data : 'off'
}

/** The option columns of a new job's row. */
export function jobColumnsOf(options: JobOptions): Omit<NewJob, 'filename' | 'original_path'> {
  return {
    engine: options.engine,
    model: options.model,
    processes: options.processes,
    workers: options.workers,
    chunk_seconds: options.chunkSeconds,
    overlap_seconds: options.overlapSeconds,
    formats: options.formats.join(','),
    output_dir: options.outputDir ? resolve(options.outputDir) : null,
    endpoints: options.endpoints?.length ? JSON.stringify(options.endpoints) : null,
    language: options.language ?? 'auto',
    translate: options.translate ? 1 : 0,
    vad: options.vad ?? 'off',
    vad_model: options.vadModel ?? '',
    speakers: String(options.speakers ?? 'off'),
    speaker_threshold: options.speakerThreshold ?? null,
    segmentation_model: options.segmentationModel ?? '',
    embedding_model: options.embeddingModel ?? ''
  }
}

function isOutputFormat(name: string): name is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(name)
}
