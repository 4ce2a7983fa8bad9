// A pipeline that transcribes one passage of its input ("Transcribe again", spec.passage): only
// that stretch is decoded, and its words are moved back to the recording's own times.
import type { TimedWord } from '@shared/transcript'
import type { Passage } from '@shared/passageRedo'
import { clockText } from '@shared/clockText'
import { BadInputError } from '../media/mediaProbe'
import type { Log } from './events'

/** The passage, checked against the input's length (a passage past its end has no audio). */
export function passageWithin(passage: Passage, inputSeconds: number, log: Log): Passage {
  if (inputSeconds > 0 && passage.from >= inputSeconds)
    throw new BadInputError(
      `the passage ${clockText(passage.from)}–${clockText(passage.to)} starts after the recording ends (${clockText(inputSeconds)})`
    )
  log(`passage: ${clockText(passage.from)}–${clockText(passage.to)} of the recording`)
  return passage
}

/** Words of the decoded passage (times from its start) in the recording's times. */
export function inRecordingTime(words: TimedWord[], passage: Passage | undefined): TimedWord[] {
  if (!passage) return words
  return words.map((w) => ({ ...w, start: w.start + passage.from, end: w.end + passage.from }))
}
