// Find in the transcript: matches are marked in the text; Enter / Shift+Enter (or the arrows)
// move to the next / previous one and bring it into view.
import { useEffect } from 'react'

export function TranscriptFind(props: {
  query: string
  onQuery: (q: string) => void
  count: number
  current: number
  onMove: (delta: 1 | -1) => void
  inputRef: React.RefObject<HTMLInputElement | null>
}): React.JSX.Element {
  const { query, count, current } = props
  useEffect(() => {
    document
      .querySelector('[data-testid="find-current"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [current, query])
  return (
    <div className="transcript-find" role="search">
      <input
        ref={props.inputRef}
        type="search"
        value={query}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            props.onMove(e.shiftKey ? -1 : 1)
          }
        }}
        placeholder="Find in transcript"
        aria-label="Find in transcript"
        data-testid="transcript-find"
      />
      <span className="muted find-count" data-testid="find-count" aria-live="polite">
        {query.trim() === '' ? '' : count === 0 ? 'no matches' : `${current + 1} of ${count}`}
      </span>
      <button onClick={() => props.onMove(-1)} disabled={count === 0} aria-label="Previous match">
        ↑
      </button>
      <button onClick={() => props.onMove(1)} disabled={count === 0} aria-label="Next match">
        ↓
      </button>
    </div>
  )
}
