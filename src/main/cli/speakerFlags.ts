// `transcribe --speakers auto|N [--speaker-threshold X] [--segmentation-model NAME|PATH]
// [--embedding-model NAME|PATH]`: who said what. Unset flags keep the settings' values (''
// model = the installed one); the job options' schema checks the ranges.
import { resolve } from 'node:path'
import type { JobOptions } from '@shared/domain'
import { isModelPath } from '../engines/speakers/speakerModelPath'
import { UsageError, stringOption, type OptionValues } from './command'

export const SPEAKER_FLAGS = {
  speakers: { type: 'string' },
  'speaker-threshold': { type: 'string' },
  'segmentation-model': { type: 'string' },
  'embedding-model': { type: 'string' }
} as const

export const SPEAKER_USAGE =
  '[--speakers off|auto|N] [--speaker-threshold 0.05-0.95] ' +
  '[--segmentation-model NAME|PATH] [--embedding-model NAME|PATH]'

function speakersFlag(raw: string): JobOptions['speakers'] {
  const text = raw.trim().toLowerCase()
  if (text === 'auto' || text === 'off') return text
  if (/^\d+$/.test(text)) return Number(text)
  throw new UsageError(`--speakers takes off, auto or a number of speakers, got '${raw}'`)
}

/** A path is resolved from where the command was typed; a name is the model manager's. */
function modelFlag(values: OptionValues, name: string): string | undefined {
  const raw = stringOption(values, name)
  if (raw === undefined) return undefined
  return isModelPath(raw) ? resolve(raw) : raw
}

export function speakerOptionsFrom(values: OptionValues): Partial<JobOptions> {
  const speakers = stringOption(values, 'speakers')
  const threshold = stringOption(values, 'speaker-threshold')
  const segmentationModel = modelFlag(values, 'segmentation-model')
  const embeddingModel = modelFlag(values, 'embedding-model')
  if (threshold !== undefined && (threshold.trim() === '' || !Number.isFinite(Number(threshold))))
    throw new UsageError(`--speaker-threshold must be a number, got '${threshold}'`)
  return {
    ...(speakers !== undefined && { speakers: speakersFlag(speakers) }),
    ...(threshold !== undefined && { speakerThreshold: Number(threshold) }),
    ...(segmentationModel !== undefined && { segmentationModel }),
    ...(embeddingModel !== undefined && { embeddingModel })
  }
}
