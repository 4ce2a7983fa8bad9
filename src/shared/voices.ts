// Voices the user asked to remember (a name and the centroid embedding it was heard with) and the
// requests on them. The embedding never crosses IPC: only names, models and dates do.
import { z } from 'zod'
import { SpeakerIdSchema, SpeakerSchema } from '@shared/transcript'

/** A voice's name becomes a speaker's name, so it follows the same rule. */
export const VoiceNameSchema = SpeakerSchema.shape.name

/**
 * Whether two names are one voice's: the voices table compares names with SQLite's NOCASE
 * (migrations/0009_speakers.sql), which folds ASCII letters only; surrounding spaces never count.
 */
export function sameVoiceName(a: string, b: string): boolean {
  const key = (name: string): string => name.trim().replace(/[A-Z]/g, (c) => c.toLowerCase())
  return key(a) === key(b)
}

export interface Voice {
  id: number
  name: string
  /** The embedding model it was heard with: only speakers heard with the same model match it. */
  model: string
  /** Epoch ms. */
  createdAt: number
}

/** A speaker of a finished job whose centroid embedding was kept (it can be remembered). */
export interface HeardSpeaker {
  speakerId: string
  model: string
  /** Talk time as the diarizer measured it. */
  seconds: number
}

const JobId = z.number().int().positive()
const VoiceId = z.number().int().positive()

export const RememberVoiceSchema = z
  .object({ jobId: JobId, speakerId: SpeakerIdSchema, name: VoiceNameSchema })
  .strict()
export const RenameVoiceSchema = z.object({ id: VoiceId, name: VoiceNameSchema }).strict()
export const DeleteVoiceSchema = z.object({ id: VoiceId }).strict()
