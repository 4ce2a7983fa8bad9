// The media and upload routes are spelled once (src/shared/ipc/routes): what a host builds for the
// page is what the other side parses back, and nothing else names a job.
import { describe, expect, it } from 'vitest'
import {
  jobIdOfMediaHttpPath,
  jobIdOfMediaSchemeUrl,
  mediaHttpPath,
  mediaSchemeUrl
} from '@shared/ipc/routes'

describe('media routes', () => {
  it('parse back the job id they were built from', () => {
    for (const id of [1, 42, 9_007_199_254_740_991]) {
      expect(jobIdOfMediaSchemeUrl(mediaSchemeUrl(id))).toBe(id)
      expect(jobIdOfMediaHttpPath(mediaHttpPath(id))).toBe(id)
    }
    expect(mediaSchemeUrl(7)).toBe('transcriptor-media://job/7')
    expect(mediaHttpPath(7)).toBe('/media/7')
  })

  it('name no job for anything else', () => {
    for (const url of [
      'transcriptor-media://job/0',
      'transcriptor-media://job/07',
      'transcriptor-media://job/1/x',
      'transcriptor-media://other/1',
      'https://job/1'
    ])
      expect(jobIdOfMediaSchemeUrl(url)).toBeNull()
    for (const path of [
      '/media/0',
      '/media/-1',
      '/media/1/',
      '/media/../1',
      '/media/12345678901234567'
    ])
      expect(jobIdOfMediaHttpPath(path)).toBeNull()
  })
})
