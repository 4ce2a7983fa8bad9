// The finished transcript, read from the host (the json output), segment by segment.
import { useEffect, useState } from 'react'
import type { Transcript } from '@shared/domain'
import { getApi } from '../transport/getApi'
import { formatDuration } from '../lib/eta'

type Loaded =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'error'; message: string }
  | { state: 'ok'; transcript: Transcript }

export function TranscriptView({ jobId }: { jobId: number }): React.JSX.Element {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' })
  useEffect(() => {
    let live = true
    getApi()
      .jobs.transcript({ id: jobId })
      .then((t) => live && setLoaded(t ? { state: 'ok', transcript: t } : { state: 'missing' }))
      .catch(
        (err: unknown) =>
          live &&
          setLoaded({ state: 'error', message: err instanceof Error ? err.message : String(err) })
      )
    return () => {
      live = false
    }
  }, [jobId])

  if (loaded.state === 'loading') return <p className="muted">Loading transcript…</p>
  if (loaded.state === 'missing') return <p className="muted">This job has no transcript.</p>
  if (loaded.state === 'error')
    return <p className="reason">Could not read the transcript: {loaded.message}</p>
  const { segments } = loaded.transcript
  return (
    <div className="transcript" data-testid="transcript">
      {segments.length === 0 && <p className="muted">No speech was recognized.</p>}
      {segments.map((s, i) => (
        <p key={i}>
          <span className="timestamp">{formatDuration(s.start)}</span> {s.text}
        </p>
      ))}
    </div>
  )
}
