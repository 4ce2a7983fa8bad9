import { beforeEach, describe, expect, it } from 'vitest'
import {
  activeOwnJobs,
  addOwnJobs,
  initialJobsState,
  removeJob,
  addRows,
  queueIds,
  setQueueSnapshot,
  unfinishedCounts,
  upsertJob,
  useJobsStore
} from '../../../src/renderer/src/store/jobsStore'
import {
  appendLogLines,
  closeLogView,
  initialLogsState,
  loadLogTail,
  openLogView,
  useLogsStore
} from '../../../src/renderer/src/store/logsStore'
import {
  MAX_SAMPLES_PER_JOB,
  addMetricsSample,
  initialMetricsState,
  setMetricsHistory,
  setProcessStatus,
  useMetricsStore
} from '../../../src/renderer/src/store/metricsStore'
import {
  MAX_NOTICES,
  addNotice,
  addStoppedNotice,
  dismissNotice,
  initialNoticesState,
  useNoticesStore
} from '../../../src/renderer/src/store/noticesStore'
import type { MetricsSample, ProcessInfo } from '@shared/domain'
import { makeJob } from './makeJob'

beforeEach(() => {
  useJobsStore.setState(initialJobsState, true)
  useLogsStore.setState(initialLogsState, true)
  useMetricsStore.setState(initialMetricsState, true)
  useNoticesStore.setState(initialNoticesState, true)
})

describe('jobs store', () => {
  it('never turns a finished job back into a running one (a stale event arriving late)', () => {
    upsertJob(makeJob({ id: 1, status: 'cancelled', cancel_reason: 'stopped by user' }))
    upsertJob(makeJob({ id: 1, status: 'processing', progress: 0.5 }))
    expect(useJobsStore.getState().byId[1]?.status).toBe('cancelled')
  })

  it('keeps an event-delivered final status when an older queue snapshot arrives', () => {
    upsertJob(makeJob({ id: 2, status: 'completed' }))
    upsertJob(makeJob({ id: 9, status: 'queued' })) // created while the snapshot was in flight
    setQueueSnapshot({
      processing: [2],
      queued: [5, 4, 3],
      rows: [makeJob({ id: 2, status: 'processing' }), makeJob({ id: 3 })]
    })
    const state = useJobsStore.getState()
    expect(state.byId[2]?.status).toBe('completed')
    expect(state.byId[3]).toBeDefined()
    expect(state.loaded).toBe(true)
    expect(queueIds(state)).toEqual([9, 5, 4, 3])
    expect(unfinishedCounts(state)).toEqual({ processing: 0, queued: 4 })
  })

  it('holds the queue as ids; rows arrive as asked, and an ended or vanished one leaves it', () => {
    setQueueSnapshot({ processing: [10], queued: [9, 8, 7], rows: [makeJob({ id: 10 })] })
    expect(useJobsStore.getState().byId[8]).toBeUndefined()
    addRows([8, 7], [makeJob({ id: 8, status: 'queued' })]) // 7 was deleted meanwhile
    upsertJob(makeJob({ id: 9, status: 'cancelled' }))
    const state = useJobsStore.getState()
    expect(state.byId[8]?.status).toBe('queued')
    expect(queueIds(state)).toEqual([10, 8])
    expect(unfinishedCounts(state)).toEqual({ processing: 1, queued: 1 })
    // A progress event changes a row, not the queue: the same ids array (not sorted again).
    upsertJob(makeJob({ id: 10, status: 'processing', progress: 0.5 }))
    expect(queueIds(useJobsStore.getState())).toBe(queueIds(state))
  })

  it('tracks own jobs newest first and which of them a page leave would stop', () => {
    addOwnJobs([makeJob({ id: 1, status: 'processing' }), makeJob({ id: 2, status: 'queued' })])
    addOwnJobs([makeJob({ id: 3, status: 'processing', keep_in_background: 1 })])
    upsertJob(makeJob({ id: 4, status: 'processing' })) // someone else's
    expect(useJobsStore.getState().ownIds).toEqual([3, 2, 1])
    expect(activeOwnJobs(useJobsStore.getState()).map((j) => j.id)).toEqual([2, 1])
    upsertJob(makeJob({ id: 1, status: 'completed' }))
    expect(activeOwnJobs(useJobsStore.getState()).map((j) => j.id)).toEqual([2])
  })

  it('forgets a deleted job everywhere', () => {
    addOwnJobs([makeJob({ id: 7 })])
    removeJob(7)
    expect(useJobsStore.getState().byId[7]).toBeUndefined()
    expect(useJobsStore.getState().ownIds).toEqual([])
  })
})

describe('logs store', () => {
  it('ignores lines for jobs whose log is not open', () => {
    appendLogLines(1, ['nobody is watching'])
    expect(useLogsStore.getState().views[1]).toBeUndefined()
  })

  it('puts the file tail first, then lines that streamed in while it loaded, without duplicates', () => {
    openLogView(1)
    appendLogLines(1, ['line 3', 'line 4'])
    expect(useLogsStore.getState().views[1]?.ring.size).toBe(0)
    loadLogTail(1, ['line 1', 'line 2', 'line 3'])
    appendLogLines(1, ['line 5'])
    const view = useLogsStore.getState().views[1]
    expect(view?.loading).toBe(false)
    expect(view?.ring.toArray()).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5'])
  })

  it('changes only the appended job view (so only its log re-renders)', () => {
    openLogView(1)
    openLogView(2)
    loadLogTail(1, [])
    loadLogTail(2, [])
    const before = useLogsStore.getState().views
    appendLogLines(1, ['x'])
    const after = useLogsStore.getState().views
    expect(after[1]).not.toBe(before[1])
    expect(after[1]?.version).toBe((before[1]?.version ?? NaN) + 1)
    expect(after[2]).toBe(before[2])
  })

  it('stays bounded and frees the ring when the view closes', () => {
    openLogView(1, 1000)
    loadLogTail(1, [])
    for (let i = 0; i < 50; i++)
      appendLogLines(
        1,
        Array.from({ length: 100 }, (_, j) => `${i}.${j}`)
      )
    expect(useLogsStore.getState().views[1]?.ring.size).toBe(1000)
    closeLogView(1)
    expect(useLogsStore.getState().views[1]).toBeUndefined()
  })
})

describe('metrics store', () => {
  const proc: ProcessInfo = {
    pid: 10,
    ppid: 1,
    command: 'pipeline',
    cpuPercent: 50,
    memoryMb: 30,
    elapsedSeconds: 1
  }
  const sample = (jobId: number, at: number, processes: ProcessInfo[] = [proc]): MetricsSample => ({
    jobId,
    at,
    cpuPercent: at % 100,
    memoryMb: 30,
    processes
  })

  it('keeps a bounded history per job', () => {
    for (let i = 0; i < MAX_SAMPLES_PER_JOB + 20; i++) addMetricsSample(sample(1, i))
    const list = useMetricsStore.getState().samples[1]
    expect(list).toHaveLength(MAX_SAMPLES_PER_JOB)
    expect(list?.at(-1)?.at).toBe(MAX_SAMPLES_PER_JOB + 19)
  })

  it('shows the latest process list, but a late sample does not refill an ended job', () => {
    addMetricsSample(sample(1, 1))
    expect(useMetricsStore.getState().processes[1]).toEqual([proc])
    setProcessStatus(1, {
      running: false,
      pid: null,
      cpuPercent: 0,
      memoryMb: 0,
      elapsedSeconds: 0,
      processes: [proc]
    })
    expect(useMetricsStore.getState().processes[1]).toEqual([])
    addMetricsSample(sample(1, 2), false)
    expect(useMetricsStore.getState().processes[1]).toEqual([])
    expect(useMetricsStore.getState().samples[1]).toHaveLength(2)
  })

  it('merges loaded history with samples already received live', () => {
    addMetricsSample(sample(1, 30))
    setMetricsHistory(1, [sample(1, 10), sample(1, 20)])
    expect(useMetricsStore.getState().samples[1]?.map((s) => s.at)).toEqual([10, 20, 30])
  })
})

describe('notices store', () => {
  it('shows a stop once even when both the answer and the event report it', () => {
    const jobs = [
      { id: 1, filename: 'a.wav' },
      { id: 2, filename: 'b.wav' }
    ]
    addStoppedNotice(jobs, 'you left the Transcribe page')
    addStoppedNotice(jobs, 'you left the Transcribe page')
    const { notices } = useNoticesStore.getState()
    expect(notices).toHaveLength(1)
    expect(notices[0].message).toBe('Stopped a.wav (#1), b.wav (#2): you left the Transcribe page')
    addStoppedNotice([], 'nothing')
    expect(useNoticesStore.getState().notices).toHaveLength(1)
  })

  it('keeps only the newest few and can dismiss one', () => {
    for (let i = 0; i < MAX_NOTICES + 3; i++) addNotice('error', `e${i}`)
    const { notices } = useNoticesStore.getState()
    expect(notices).toHaveLength(MAX_NOTICES)
    dismissNotice(notices[0].id)
    expect(useNoticesStore.getState().notices.map((n) => n.message)).not.toContain(
      notices[0].message
    )
  })
})
