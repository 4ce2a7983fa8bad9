// The jobs started from this page, and any other job still queued or running: status, progress, phase, ETA.
// Only the rows in view are in the DOM (and the row holding focus, so Tab and focus survive a
// scroll): 10,000 queued jobs are a scroll height, a count line and a screenful of rows, whose data
// is fetched as they come into view (loadQueueRows). Each row subscribes to its own job so one
// job's progress does not re-render the others.
import { useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { defaultRangeExtractor, useVirtualizer, type VirtualItem } from '@tanstack/react-virtual'
import { isTerminal, queueIds, unfinishedCounts, useJobsStore } from '../store/jobsStore'
import { loadQueueRows, stopJob } from '../store/jobActions'
import { ProgressNote } from './ProgressNote'
import { useBatchProgress } from '../hooks/useBatchProgress'
import { BATCH_WORDS, batchDoneText, batchEtaText } from '../lib/batchText'
import { RecordingBadge, StatusBadge, endReason } from './StatusBadge'

/**
 * A row's height (its CSS min-height, styles/intake.css): rows with a reason or a warning are
 * measured taller as they render.
 */
const ROW_REMS = 3.5
const ROW_GAP_PX = 6
/** Rows rendered beyond each edge of the view, so the next Tab stop is already there. */
const OVERSCAN_ROWS = 6

export function JobQueue(): React.JSX.Element {
  const ids = useJobsStore(useShallow(queueIds))
  const loaded = useJobsStore((s) => s.loaded)
  if (ids.length === 0) {
    return (
      <p className="muted" data-testid="queue-empty">
        {loaded ? 'No jobs yet. Drop files above to start.' : 'Loading the queue…'}
      </p>
    )
  }
  return (
    <>
      <QueueCount />
      <QueueList ids={ids} />
    </>
  )
}

/**
 * One line above the queue: the batch's done / failed / stopped (the host counts them), the live
 * running and queued counts, and the whole queue's time left.
 */
function QueueCount(): React.JSX.Element | null {
  const { processing, queued } = useJobsStore(useShallow(unfinishedCounts))
  const state = useBatchProgress()
  const parts = [
    processing > 0 && `${processing.toLocaleString()} running`,
    queued > 0 && `${queued.toLocaleString()} queued`
  ].filter((part) => part !== false)
  if (parts.length === 0) return null
  const batch = state && 'batch' in state ? state.batch : null
  const done = batch && batchDoneText(batch)
  return (
    <p className="queue-count muted" data-testid="queue-summary">
      {done && (
        <span data-testid="queue-batch">
          {BATCH_WORDS}: {done} ·{' '}
        </span>
      )}
      <span data-testid="queue-count">{parts.join(' · ')}</span>
      {batch && batch.total > 0 && <span data-testid="queue-eta"> · {batchEtaText(batch)}</span>}
      {state && 'error' in state && (
        <span className="reason" data-testid="queue-batch-error">
          {' '}
          · batch progress unavailable: {state.error}
        </span>
      )}
    </p>
  )
}

function QueueList({ ids }: { ids: number[] }): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null)
  const focusedId = useRef<number | null>(null)
  // Read once per render: estimateSize runs for every one of 10,000 rows.
  const rowPx = ROW_REMS * remPx()
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowPx,
    gap: ROW_GAP_PX,
    overscan: OVERSCAN_ROWS,
    getItemKey: (index) => ids[index] ?? index,
    // The focused row stays rendered when scrolled away: unmounting it would drop focus to <body>.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range)
      const focused = focusedId.current === null ? -1 : ids.indexOf(focusedId.current)
      if (focused < 0 || indexes.includes(focused)) return indexes
      return [...indexes, focused].sort((a, b) => a - b)
    }
  })
  const items = virtualizer.getVirtualItems()
  const shown = items.map((item) => ids[item.index]).join(',')
  useEffect(() => {
    if (shown) void loadQueueRows(shown.split(',').map(Number))
  }, [shown])
  return (
    <div
      ref={scrollRef}
      className="queue-scroll"
      role="region"
      aria-labelledby="queue-heading"
      // Focusable, so the keys that scroll (arrows, Page Down, End) reach the list's scroller.
      tabIndex={0}
      onFocus={(e) => {
        const row = (e.target as HTMLElement).closest<HTMLElement>('[data-job-id]')
        focusedId.current = row ? Number(row.dataset.jobId) : null
      }}
      data-testid="queue-scroll"
    >
      <ul className="queue" data-testid="job-queue" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <QueueRow
            key={item.key}
            id={ids[item.index]}
            item={item}
            count={ids.length}
            measure={virtualizer.measureElement}
          />
        ))}
      </ul>
    </div>
  )
}

function remPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
}

interface Slot {
  item: VirtualItem
  count: number
  measure: (node: Element | null) => void
}

/** Where a row sits in the windowed list, and what it tells assistive technology of the whole. */
function slotProps(
  id: number,
  { item, count, measure }: Slot
): React.ComponentProps<'li'> & Record<`data-${string}`, number> {
  return {
    ref: measure,
    'data-index': item.index,
    'data-job-id': id,
    'aria-setsize': count,
    'aria-posinset': item.index + 1,
    style: { transform: `translateY(${item.start}px)` }
  }
}

function QueueRow({ id, ...slot }: { id: number } & Slot): React.JSX.Element {
  const row = useJobsStore((s) => s.byId[id])
  const waiting = useJobsStore((s) => s.unfinished[id])
  if (!row) {
    return (
      <li
        className="queue-row"
        data-testid={`queue-row-${id}`}
        data-status={waiting ?? 'queued'}
        {...slotProps(id, slot)}
      >
        <span className="queue-name muted">#{id} …</span>
      </li>
    )
  }
  const reason = endReason(row)
  return (
    <li
      className="queue-row"
      data-testid={`queue-row-${id}`}
      data-status={row.status}
      {...slotProps(id, slot)}
    >
      <a href={`#/job/${id}`} className="queue-name" title={row.original_path}>
        #{id} {row.filename}
      </a>
      {/* One grid cell: a recording's badge sits under its status, not in the progress column. */}
      <span className="queue-badges">
        <StatusBadge status={row.status} testId={`queue-status-${id}`} />
        <RecordingBadge row={row} />
      </span>
      <progress max={1} value={row.progress} aria-label={`progress of ${row.filename}`} />
      <span className="muted eta">
        {Math.round(row.progress * 100)}%<ProgressNote row={row} testId={`queue-phase-${id}`} />
      </span>
      {reason && row.status !== 'completed' && (
        <span className="reason" data-testid={`queue-reason-${id}`}>
          {reason}
        </span>
      )}
      {row.warning && (
        <span className="warning" data-testid={`queue-warning-${id}`}>
          ⚠ {row.warning}
        </span>
      )}
      {!isTerminal(row) && (
        <button
          className="danger queue-stop"
          onClick={() => void stopJob(id)}
          aria-label={`Stop ${row.filename}`}
          data-testid={`queue-stop-${id}`}
        >
          Stop
        </button>
      )}
    </li>
  )
}
