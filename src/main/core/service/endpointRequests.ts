// The requests each job has in flight to endpoints, as its pipeline last reported them;
// added to the job's metrics and process status so the job page lists them next to the local
// processes (their CPU is spent on the server and is not measured).
import type { MetricsSample, ProcessStatus } from '@shared/domain'
import type { EndpointRequest } from '@shared/endpoints'

export interface EndpointRequestsTracker {
  set(jobId: number, requests: EndpointRequest[]): void
  annotate(sample: MetricsSample): MetricsSample
  annotateStatus(jobId: number, status: ProcessStatus): ProcessStatus
}

export function endpointRequestsTracker(): EndpointRequestsTracker {
  const byJob = new Map<number, EndpointRequest[]>()
  return {
    set(jobId, requests) {
      if (requests.length > 0) byJob.set(jobId, requests)
      else byJob.delete(jobId)
    },
    annotate(sample) {
      const requests = byJob.get(sample.jobId)
      return requests ? { ...sample, endpointRequests: requests } : sample
    },
    annotateStatus(jobId, status) {
      const requests = byJob.get(jobId)
      return requests && status.running ? { ...status, endpointRequests: requests } : status
    }
  }
}
