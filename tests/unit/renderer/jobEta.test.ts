// The UI's ETA is the pipeline's (resume-aware), counted down from when it arrived.
import { beforeEach, describe, expect, it } from 'vitest'
import { remainingSeconds } from '../../../src/renderer/src/lib/eta'
import {
  forgetJobProgress,
  setJobProgress,
  useJobProgressStore
} from '../../../src/renderer/src/store/jobProgressStore'

const progress = { jobId: 4, chunksDone: 4, chunksTotal: 5, fraction: 0.8, etaSeconds: 30 }

beforeEach(() => useJobProgressStore.setState({ byJob: {} }))

describe('a job’s ETA', () => {
  it('is the pipeline’s, counting down from its arrival and never below zero', () => {
    setJobProgress(progress, 1_000)
    const received = useJobProgressStore.getState().byJob[4]
    expect(remainingSeconds(received, 1_000)).toBe(30)
    expect(remainingSeconds(received, 11_000)).toBe(20)
    expect(remainingSeconds(received, 100_000)).toBe(0)
  })

  it('is unknown before the pipeline measured one, and after the job is forgotten', () => {
    setJobProgress({ ...progress, etaSeconds: null }, 1_000)
    expect(remainingSeconds(useJobProgressStore.getState().byJob[4], 2_000)).toBeNull()
    setJobProgress(progress, 1_000)
    forgetJobProgress(4)
    expect(remainingSeconds(useJobProgressStore.getState().byJob[4], 2_000)).toBeNull()
  })
})
