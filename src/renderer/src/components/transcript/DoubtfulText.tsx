// A segment's words with the doubtful ones underlined (a wavy underline, not colour alone) and
// saying why in their title and description; the one the user walked to is outlined. A segment
// with nothing doubtful, or one the user corrected, renders as its children do.
import { useEffect } from 'react'
import type { Segment } from '@shared/transcript'
import { DEFAULT_DOUBTFUL_BELOW, doubtOf } from '@shared/doubtfulWords'
import { isEditedSegment } from '../../lib/transcriptTiming'
import { useSettingsStore } from '../../store/settingsStore'
import { useDoubtfulStore } from '../../store/doubtfulStore'

/** The doubtful word walked to in this segment (-1: none); its row comes into view. */
export function useWalkedWord(index: number, row: React.RefObject<HTMLElement | null>): number {
  const walked = useDoubtfulStore((s) => (s.current?.segment === index ? s.current.word : -1))
  useEffect(() => {
    if (walked >= 0) row.current?.scrollIntoView({ block: 'nearest' })
  }, [walked, row])
  return walked
}

export function useDoubtfulBelow(): number {
  return useSettingsStore((s) => s.settings?.doubtfulBelow ?? DEFAULT_DOUBTFUL_BELOW)
}

export function DoubtfulText({
  segment,
  word,
  index,
  row,
  children
}: {
  segment: Segment
  /** The word being spoken (-1: none). */
  word: number
  /** The segment's index, and its row (brought into view when walked to). */
  index: number
  row: React.RefObject<HTMLElement | null>
  children: React.ReactNode
}): React.JSX.Element {
  const below = useDoubtfulBelow()
  const walked = useWalkedWord(index, row)
  if (isEditedSegment(segment)) return <>{children}</>
  const doubts = segment.words.map((w) => doubtOf(segment, w, below))
  if (!doubts.some(Boolean)) return <>{children}</>
  return (
    <>
      {segment.words.map((w, i) => {
        const doubt = doubts[i]
        const classes = ['word']
        if (i === word) classes.push('current-word')
        if (doubt) classes.push('doubtful')
        if (i === walked) classes.push('doubtful-current')
        return (
          <span key={i}>
            {i > 0 && ' '}
            <span
              className={classes.join(' ')}
              data-testid={i === word ? 'current-word' : doubt ? 'doubtful-word' : undefined}
              data-walked={i === walked ? 'true' : undefined}
              title={doubt ? `Doubtful: ${doubt}` : undefined}
              aria-description={doubt ? `doubtful, ${doubt}` : undefined}
            >
              {w.word}
            </span>
          </span>
        )
      })}
    </>
  )
}
