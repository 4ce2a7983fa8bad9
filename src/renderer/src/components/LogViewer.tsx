// The live log of one job: virtualized (only visible rows exist in the DOM, so 100,000 lines
// scroll smoothly), follows the tail until the user scrolls up, searchable, copyable, savable.
import { memo, useEffect, useMemo, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useShallow } from 'zustand/react/shallow'
import { useLogsStore } from '../store/logsStore'
import { matchingLineIndexes, splitForHighlight } from '../lib/logSearch'
import { LogRing } from '../lib/logRing'
import { copyText, downloadText } from '../lib/clipboard'
import { SearchBox } from './SearchBox'

const LINE_HEIGHT = 18
const EMPTY_RING = new LogRing(1)

// memo: the Job page re-renders on every progress update; this part only needs its own store.
export const LogViewer = memo(function LogViewer({ jobId }: { jobId: number }): React.JSX.Element {
  const { ring, version, loading } = useLogsStore(
    useShallow((s) => {
      const view = s.views[jobId]
      return {
        ring: view?.ring ?? EMPTY_RING,
        version: view?.version ?? 0,
        loading: view?.loading ?? true
      }
    })
  )
  const [query, setQuery] = useState('')
  const [onlyMatches, setOnlyMatches] = useState(true)
  const [following, setFollowing] = useState(true)
  const [copied, setCopied] = useState<string | null>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const lastScrollTop = useRef(0)

  // `version` changes whenever the ring (mutated in place) gets lines, so the memo must see it.
  const matches = useMemo(
    () => (query === '' ? null : matchingLineIndexes(ring.size, (i) => ring.get(i), query)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ring, version, query]
  )
  const filtered = matches !== null && onlyMatches
  const count = filtered ? matches.length : ring.size
  const lineAt = (row: number): string => ring.get(filtered ? matches[row] : row)

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30
  })

  useEffect(() => {
    if (following && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' })
  }, [following, count, version, virtualizer])

  const onScroll = (): void => {
    const el = scrollRef.current
    if (!el) return
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < LINE_HEIGHT * 2
    if (el.scrollTop < lastScrollTop.current - 1 && !atBottom) setFollowing(false)
    else if (atBottom) setFollowing(true)
    lastScrollTop.current = el.scrollTop
  }

  const shownText = (): string => {
    const lines: string[] = []
    for (let i = 0; i < count; i++) lines.push(lineAt(i))
    return lines.join('\n')
  }
  const onCopy = async (): Promise<void> => {
    const ok = await copyText(shownText())
    setCopied(ok ? `Copied ${count} lines` : 'Copy failed: the browser refused clipboard access')
  }

  return (
    <section className="log-viewer" data-testid="log-viewer">
      <div className="log-toolbar">
        <SearchBox
          label="Search the log"
          placeholder="Search the log"
          value={query}
          onChange={setQuery}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={onlyMatches}
            onChange={(e) => setOnlyMatches(e.target.checked)}
          />
          only matching lines
        </label>
        <span className="muted" data-testid="log-count">
          {loading
            ? 'loading…'
            : matches
              ? `${matches.length} of ${ring.size} lines match`
              : `${ring.size} lines`}
          {ring.dropped > 0 && ` (${ring.dropped} older lines not kept)`}
        </span>
        <span className="spacer" />
        {!following && (
          <button onClick={() => setFollowing(true)} data-testid="resume-follow">
            Resume following
          </button>
        )}
        <button onClick={() => void onCopy()}>Copy</button>
        <button onClick={() => downloadText(`transcribe_job_${jobId}.log`, shownText())}>
          Save
        </button>
      </div>
      {copied && (
        <div className="muted small" role="status">
          {copied}
        </div>
      )}
      <div
        className="log-scroll"
        ref={scrollRef}
        onScroll={onScroll}
        data-following={following ? 'yes' : 'no'}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              className="log-line"
              data-testid="log-line"
              style={{ transform: `translateY(${item.start}px)`, height: LINE_HEIGHT }}
            >
              {splitForHighlight(lineAt(item.index), query).map((part, i) =>
                part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>
              )}
            </div>
          ))}
        </div>
      </div>
    </section>
  )
})
