// The job page's doubtful words: how many, buttons (and their keys) to walk them with the player
// following, and the one walked to said in words for screen readers.
import { clockText } from '@shared/clockText'
import { doubtfulCountText, type DoubtfulWord } from '@shared/doubtfulWords'
import type { Transcript } from '@shared/transcript'
import { useDoubtfulStore, walkDoubtful } from '../../store/doubtfulStore'
import { DOUBTFUL_KEYS, useDoubtfulKeys } from '../../hooks/useDoubtfulKeys'

export function DoubtfulBar({
  words,
  transcript
}: {
  words: readonly DoubtfulWord[]
  transcript: Transcript
}): React.JSX.Element {
  useDoubtfulKeys(words)
  const { at, current } = useDoubtfulStore()
  const spoken = current ? transcript.segments[current.segment]?.words[current.word]?.word : null
  return (
    <div className="doubtful-bar" data-testid="doubtful-bar">
      <span data-testid="doubtful-count">{doubtfulCountText(words.length)}</span>
      {words.length > 0 && (
        <>
          <button
            onClick={() => walkDoubtful(words, -1)}
            aria-keyshortcuts={DOUBTFUL_KEYS.previous}
            data-testid="doubtful-previous"
          >
            ← Previous <kbd>{DOUBTFUL_KEYS.previous}</kbd>
          </button>
          <button
            onClick={() => walkDoubtful(words, 1)}
            aria-keyshortcuts={DOUBTFUL_KEYS.next}
            data-testid="doubtful-next"
          >
            Next <kbd>{DOUBTFUL_KEYS.next}</kbd> →
          </button>
        </>
      )}
      <span className="muted small" role="status" data-testid="doubtful-where">
        {current && spoken
          ? `${at + 1} of ${words.length}: “${spoken}” at ${clockText(current.start)}, ${current.why}`
          : ''}
      </span>
    </div>
  )
}
