// `jobs show`: a transcript's speakers with their talk time (the time of the segments each one
// speaks, as the transcript now reads, edits included), most talkative first.
import type { Transcript } from '@shared/transcript'
import { clockText } from '@shared/clockText'

export function talkTimes(t: Transcript): { id: string; name: string; seconds: number }[] {
  const seconds = new Map<string, number>()
  for (const s of t.segments)
    if (s.speaker) seconds.set(s.speaker, (seconds.get(s.speaker) ?? 0) + s.end - s.start)
  return (t.speakers ?? [])
    .map((s) => ({ ...s, seconds: seconds.get(s.id) ?? 0 }))
    .sort((a, b) => b.seconds - a.seconds)
}

/** The `speakers:` line of `jobs show`, or '' for a transcript without speakers. */
export function speakersLine(t: Transcript | undefined): string {
  const times = t ? talkTimes(t) : []
  if (times.length === 0) return ''
  return `  speakers:   ${times.map((s) => `${s.name} (${s.id}) ${clockText(s.seconds)}`).join(', ')}\n`
}
