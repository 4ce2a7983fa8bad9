// CPU and memory of the whole process tree over time.
import { memo } from 'react'
import { useMetricsStore } from '../store/metricsStore'
import { Sparkline } from './Sparkline'

// memo: the Job page re-renders on every progress update; this part only needs its own store.
export const JobMetrics = memo(function JobMetrics({
  jobId
}: {
  jobId: number
}): React.JSX.Element {
  const samples = useMetricsStore((s) => s.samples[jobId])
  const list = samples ?? []
  return (
    <div className="metrics">
      <Sparkline
        label="CPU"
        unit="%"
        floor={100}
        values={list.map((s) => s.cpuPercent)}
        testId="cpu-sparkline"
      />
      <Sparkline
        label="Memory"
        unit="MB"
        floor={64}
        values={list.map((s) => s.memoryMb)}
        testId="memory-sparkline"
      />
    </div>
  )
})
