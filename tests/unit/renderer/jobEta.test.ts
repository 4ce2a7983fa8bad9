// The UI's ETA is the pipeline's (resume-aware), counted down from when it arrived. The queue's
// batch line: done, failed and stopped of the batch, and the queue's time left or that it is
// still being estimated.
import { beforeEach, describe, expect, it } from 'vitest'
import type { JobProgress } from '@shared/jobProgress'
import { remainingSeconds } from '../../../src/renderer/src/lib/eta'
import { phaseText, timeLeftText } from '../../../src/renderer/src/lib/jobPhaseText'
import { batchDoneText, batchEtaText } from '../../../src/renderer/src/lib/batchText'
import {
  forgetJobProgress,
  setJobProgress,
  useJobProgressStore
} from '../../../src/renderer/src/store/jobProgressStore'

const progress: JobProgress = {
  jobId: 4,
  chunksDone: 4,
  chunksTotal: 5,
  fraction: 0.8,
  etaSeconds: 30,
  phase: 'transcribing',
  phaseFraction: null
}

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

describe('what a running job is doing', () => {
  it('says the phase, with the decoded share of the input while decoding', () => {
    setJobProgress({ ...progress, phase: 'decoding', phaseFraction: 0.456, etaSeconds: 4 }, 1_000)
    const received = useJobProgressStore.getState().byJob[4]
    if (!received) throw new Error('no progress kept')
    expect(phaseText(received)).toBe('Decoding the audio: 45%')
    expect(timeLeftText(4, received.phase)).toBe('about 0:04 left to decode')
    expect(phaseText({ phase: 'planning', phaseFraction: null })).toBe('Finding speech')
    expect(phaseText({ phase: 'waiting', phaseFraction: null })).toBe('Waiting for the server')
    expect(phaseText({ phase: 'speakers', phaseFraction: 0.4 })).toBe('Finding speakers: 40%')
    expect(timeLeftText(75, 'transcribing')).toBe('about 1:15 left')
  })
})

describe('the queue’s batch line', () => {
  const batch = {
    since: 1,
    total: 2_000,
    completed: 1_500,
    failed: 2,
    cancelled: 0,
    processing: 1,
    queued: 497,
    etaSeconds: 4_800
  }
  it('says done of all, then what failed or was stopped, then the time left', () => {
    expect(batchDoneText(batch)).toBe('1,500 of 2,000 done · 2 failed')
    expect(batchDoneText({ ...batch, failed: 0, cancelled: 3 })).toBe(
      '1,500 of 2,000 done · 3 stopped'
    )
    expect(batchEtaText(batch)).toBe('about 1:20:00 left')
    expect(batchEtaText({ ...batch, etaSeconds: null })).toBe('estimating the time left…')
    expect(batchDoneText({ ...batch, total: 0 })).toBeNull()
  })
})
