// CPU and memory of the whole process tree over time. While nothing runs (queued, ended) the
// values read "—" and the lines stay as the past.
import { memo } from 'react'
import type { MetricsSample } from '@shared/domain'
import { useMetricsStore } from '../store/metricsStore'
import { Sparkline } from './Sparkline'
import type { LiveJobPart } from './liveJobPart'

/** One sparkline per measure of the tree: what it reads from a sample, and how it is drawn. */
const SERIES = [
  { label: 'CPU', unit: '%', floor: 100, of: (s: MetricsSample) => s.cpuPercent, testId: 'cpu' },
  { label: 'Memory', unit: 'MB', floor: 64, of: (s: MetricsSample) => s.memoryMb, testId: 'memory' }
] as const

// memo: the Job page re-renders on every progress update; this part only needs its own store.
export const JobMetrics = memo(function JobMetrics({
  jobId,
  running
}: LiveJobPart): React.JSX.Element {
  const samples = useMetricsStore((s) => s.samples[jobId])
  const list = samples ?? []
  return (
    <div className="metrics">
      {SERIES.map(({ label, unit, floor, of, testId }) => (
        <Sparkline
          key={label}
          label={label}
          unit={unit}
          floor={floor}
          values={list.map(of)}
          current={running}
          testId={`${testId}-sparkline`}
        />
      ))}
    </div>
  )
})
