// Elapsed time that ticks on its own, so the rest of the Job page does not re-render every second.
import { useEffect, useState } from 'react'
import { formatDuration } from '../lib/eta'

export function ElapsedClock(props: {
  startedAt: number | null
  finishedAt: number | null
}): React.JSX.Element {
  const [now, setNow] = useState(() => Date.now())
  const running = props.startedAt !== null && props.finishedAt === null
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])
  const seconds =
    props.startedAt === null
      ? null
      : ((props.finishedAt ?? Math.max(now, props.startedAt)) - props.startedAt) / 1000
  return <span data-testid="job-elapsed">{formatDuration(seconds)}</span>
}
