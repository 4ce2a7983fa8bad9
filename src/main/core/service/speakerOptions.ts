// A job's speaker options travel with its place in the queue, not in its row: the row has no
// columns for them yet (migration 0009 is the voices' tables only), so they live as long as the
// host that queued the job. A job resumed by a later host runs with the settings' speakers.
import type { JobOptions } from '@shared/domain'

export type SpeakerOptions = Pick<
  JobOptions,
  'speakers' | 'speakerThreshold' | 'segmentationModel' | 'embeddingModel'
>

export function speakerOptionsOf(options: Partial<JobOptions>): SpeakerOptions {
  const { speakers, speakerThreshold, segmentationModel, embeddingModel } = options
  return Object.fromEntries(
    Object.entries({ speakers, speakerThreshold, segmentationModel, embeddingModel }).filter(
      ([, v]) => v !== undefined
    )
  ) as SpeakerOptions
}
