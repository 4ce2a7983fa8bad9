// The transcript as it grows while a job runs: finished chunks in order, with a marker where
// earlier chunks are still being transcribed.
import { useEffect } from 'react'
import { getApi } from '../transport/getApi'
import { formatDuration } from '../lib/eta'
import { livePieces, loadLiveWords, useLiveWordsStore } from '../store/liveWordsStore'
import type { LiveJobPart } from './liveJobPart'

function gapLabel(from: number, to: number, trailing: boolean): string {
  const which = from === to ? `chunk ${from + 1}` : `chunks ${from + 1}–${to + 1}`
  return trailing ? `… ${which} to come` : `… ${which} still running …`
}

export function LiveTranscript({ jobId, running }: LiveJobPart): React.JSX.Element {
  const live = useLiveWordsStore((s) => s.byJob[jobId])
  useEffect(() => {
    let current = true
    getApi()
      .jobs.liveWords({ id: jobId })
      .then((words) => current && loadLiveWords(words))
      .catch(() => undefined) // The live events still arrive; the snapshot only fills the start.
    return () => {
      current = false
    }
  }, [jobId])

  if (!live)
    return (
      <p className="muted">
        {running ? 'Words appear here as each chunk finishes.' : 'No chunk had finished.'}
      </p>
    )
  const done = Object.keys(live.chunks).length
  return (
    <div className="transcript live-transcript" data-testid="live-transcript" aria-live="polite">
      <p className="muted">
        {done} of {live.chunksTotal} chunk(s) transcribed so far
      </p>
      {livePieces(live).map((piece) =>
        piece.kind === 'words' ? (
          <p key={`w${piece.index}`} data-testid="live-chunk">
            <span className="timestamp">{formatDuration(piece.start)}</span>{' '}
            {piece.text || <span className="muted">(no words)</span>}
          </p>
        ) : (
          <p key={`g${piece.from}`} className="live-gap muted" data-testid="live-gap">
            {gapLabel(piece.from, piece.to, piece.trailing)}
          </p>
        )
      )}
    </div>
  )
}
