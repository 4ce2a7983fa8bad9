// A speaker's colour: the theme's palette (--speaker-1 … --speaker-8, theme.css) by the speaker's
// place in the transcript's list, so a speaker keeps its colour as long as the list does.
import type { Speaker } from '@shared/transcript'

export const SPEAKER_COLOURS = 8

export function speakerColour(speakers: readonly Speaker[] | undefined, id: string): string {
  const at = (speakers ?? []).findIndex((s) => s.id === id)
  return `var(--speaker-${(Math.max(0, at) % SPEAKER_COLOURS) + 1})`
}
