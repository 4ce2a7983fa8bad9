// The live log of one job: virtualized (only visible rows exist in the DOM, so 100,000 lines
// scroll smoothly), follows the tail until the user scrolls up, searchable, copyable, savable.
import { memo } from 'react'
import { splitForHighlight } from '../lib/logSearch'
import { useFollowTail } from '../hooks/useFollowTail'
import { useLogLines } from '../hooks/useLogLines'
import { LogToolbar } from './LogToolbar'

const LINE_HEIGHT = 18

// memo: the Job page re-renders on every progress update; this part only needs its own store.
export const LogViewer = memo(function LogViewer({ jobId }: { jobId: number }): React.JSX.Element {
  const lines = useLogLines(jobId)
  const tail = useFollowTail(lines.count, lines.version, LINE_HEIGHT)
  const { virtualizer } = tail

  return (
    <section className="log-viewer" data-testid="log-viewer">
      <LogToolbar jobId={jobId} lines={lines} tail={tail} />
      <div
        className="log-scroll"
        ref={tail.scrollRef}
        onScroll={tail.onScroll}
        data-following={tail.following ? 'yes' : 'no'}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              className="log-line"
              data-testid="log-line"
              style={{ transform: `translateY(${item.start}px)`, height: LINE_HEIGHT }}
            >
              {splitForHighlight(lines.lineAt(item.index), lines.query).map((part, i) =>
                part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>
              )}
            </div>
          ))}
        </div>
      </div>
    </section>
  )
})
