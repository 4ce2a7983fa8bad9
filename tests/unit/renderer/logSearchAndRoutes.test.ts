import { describe, expect, it } from 'vitest'
import {
  matchingLineIndexes,
  mergeTailAndLive,
  splitForHighlight
} from '../../../src/renderer/src/lib/logSearch'
import {
  isLeavingWorkspace,
  parseRoute,
  routeHash,
  type Route
} from '../../../src/renderer/src/lib/route'
import { filterJobs } from '../../../src/renderer/src/lib/jobFilter'
import { makeJob } from './makeJob'

describe('log search', () => {
  const lines = ['chunk 1 done', 'ERROR: engine exited', 'chunk 2 done', 'error (retrying)']
  it('finds lines case-insensitively, taking the query literally', () => {
    expect(matchingLineIndexes(lines.length, (i) => lines[i], 'error')).toEqual([1, 3])
    expect(matchingLineIndexes(lines.length, (i) => lines[i], '(retry')).toEqual([3])
    expect(matchingLineIndexes(lines.length, (i) => lines[i], '')).toEqual([0, 1, 2, 3])
  })

  it('splits a line into highlighted parts', () => {
    expect(splitForHighlight('Error and error', 'error')).toEqual([
      { text: 'Error', match: true },
      { text: ' and ', match: false },
      { text: 'error', match: true }
    ])
    expect(splitForHighlight('abc', '')).toEqual([{ text: 'abc', match: false }])
  })

  it('counts lines that are both in the file tail and a live batch once', () => {
    expect(mergeTailAndLive(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual(['a', 'b', 'c', 'd'])
    expect(mergeTailAndLive(['a', 'b'], ['c'])).toEqual(['a', 'b', 'c'])
    expect(mergeTailAndLive([], ['x'])).toEqual(['x'])
    expect(mergeTailAndLive(['x'], [])).toEqual(['x'])
  })
})

describe('routes', () => {
  it('parses and prints hashes', () => {
    expect(parseRoute('#/job/12')).toEqual({ page: 'job', id: 12 })
    expect(parseRoute('#/history')).toEqual({ page: 'history' })
    expect(parseRoute('')).toEqual({ page: 'transcribe' })
    expect(parseRoute('#/job/abc')).toEqual({ page: 'transcribe' })
    expect(parseRoute('#/job/0')).toEqual({ page: 'transcribe' })
    expect(routeHash({ page: 'job', id: 3 })).toBe('#/job/3')
    expect(routeHash({ page: 'settings' })).toBe('#/settings')
  })

  it('treats Transcribe and the Job pages of own jobs as one workspace', () => {
    const own = new Set([5])
    const t: Route = { page: 'transcribe' }
    const h: Route = { page: 'history' }
    const s: Route = { page: 'settings' }
    expect(isLeavingWorkspace(t, h, own)).toBe(true)
    expect(isLeavingWorkspace(t, s, own)).toBe(true)
    expect(isLeavingWorkspace({ page: 'job', id: 5 }, h, own)).toBe(true)
    expect(isLeavingWorkspace(t, { page: 'job', id: 5 }, own)).toBe(false)
    expect(isLeavingWorkspace({ page: 'job', id: 5 }, t, own)).toBe(false)
    // A job someone else started: its page is not this client's workspace.
    expect(isLeavingWorkspace({ page: 'job', id: 9 }, h, own)).toBe(false)
    expect(isLeavingWorkspace(h, s, own)).toBe(false)
  })
})

describe('history filter', () => {
  const jobs = [
    makeJob({ id: 1, filename: 'alpha.wav', status: 'completed', created_at: 1 }),
    makeJob({
      id: 2,
      filename: 'beta.mp3',
      original_path: '/tmp/beta.mp3',
      status: 'failed',
      error_message: 'ffmpeg: invalid data',
      created_at: 2
    }),
    makeJob({
      id: 3,
      filename: 'gamma.wav',
      status: 'cancelled',
      cancel_reason: 'left the page',
      created_at: 3
    })
  ]
  it('searches names and reasons, filters by status, newest first', () => {
    expect(filterJobs(jobs, '', '').map((j) => j.id)).toEqual([3, 2, 1])
    expect(filterJobs(jobs, 'WAV', '').map((j) => j.id)).toEqual([3, 1])
    expect(filterJobs(jobs, 'invalid', '').map((j) => j.id)).toEqual([2])
    expect(filterJobs(jobs, '', 'cancelled').map((j) => j.id)).toEqual([3])
    expect(filterJobs(jobs, 'alpha', 'failed')).toEqual([])
  })
})
