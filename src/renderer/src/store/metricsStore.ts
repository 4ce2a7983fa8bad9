// CPU/memory samples of each job's process tree (for the sparklines) and the latest list of its
// processes (for the process table).
import { create } from 'zustand'
import type { MetricsSample, ProcessInfo, ProcessStatus } from '@shared/domain'
import type { EndpointRequest } from '@shared/endpoints'
import { withoutKey } from '../lib/withoutKey'

export const MAX_SAMPLES_PER_JOB = 300

export interface MetricsState {
  samples: Partial<Record<number, MetricsSample[]>>
  /** The most recent view of the tree: from a live sample or an explicit processStatus. */
  processes: Partial<Record<number, ProcessInfo[]>>
  /** Requests to endpoints in flight, listed with the processes. */
  endpointRequests: Partial<Record<number, EndpointRequest[]>>
}

export const initialMetricsState: MetricsState = {
  samples: {},
  processes: {},
  endpointRequests: {}
}

export const useMetricsStore = create<MetricsState>()(() => initialMetricsState)

export function addMetricsSample(sample: MetricsSample, updateProcesses = true): void {
  useMetricsStore.setState((s) => {
    const list = s.samples[sample.jobId] ?? []
    const next = [...list, sample]
    if (next.length > MAX_SAMPLES_PER_JOB) next.splice(0, next.length - MAX_SAMPLES_PER_JOB)
    return {
      samples: { ...s.samples, [sample.jobId]: next },
      processes: updateProcesses
        ? { ...s.processes, [sample.jobId]: sample.processes }
        : s.processes,
      endpointRequests: updateProcesses
        ? { ...s.endpointRequests, [sample.jobId]: sample.endpointRequests ?? [] }
        : s.endpointRequests
    }
  })
}

/** History loaded from the host; samples already received live are kept (merged by time). */
export function setMetricsHistory(jobId: number, history: readonly MetricsSample[]): void {
  useMetricsStore.setState((s) => {
    const live = s.samples[jobId] ?? []
    const lastHistoric = history.length > 0 ? history[history.length - 1].at : -Infinity
    const merged = [...history, ...live.filter((x) => x.at > lastHistoric)].slice(
      -MAX_SAMPLES_PER_JOB
    )
    return { samples: { ...s.samples, [jobId]: merged } }
  })
}

export function setProcessStatus(jobId: number, status: ProcessStatus): void {
  useMetricsStore.setState((s) => ({
    processes: { ...s.processes, [jobId]: status.running ? status.processes : [] },
    endpointRequests: {
      ...s.endpointRequests,
      [jobId]: status.running ? (status.endpointRequests ?? []) : []
    }
  }))
}

export function forgetMetrics(jobId: number): void {
  useMetricsStore.setState((s) => ({
    samples: withoutKey(s.samples, jobId),
    processes: withoutKey(s.processes, jobId),
    endpointRequests: withoutKey(s.endpointRequests, jobId)
  }))
}
