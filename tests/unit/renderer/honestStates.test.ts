// Honest states (issue 24 item 6), the pure parts: the leave dialog counts running and queued jobs
// apart (a queued job used to be called running).
import { describe, expect, it } from 'vitest'
import { atStakeTitle } from '../../../src/renderer/src/lib/atStakeTitle'

describe('the leave dialog’s title', () => {
  it('counts running and queued jobs apart', () => {
    expect(atStakeTitle(1, 0)).toBe('1 job is running')
    expect(atStakeTitle(0, 1)).toBe('1 job is queued')
    expect(atStakeTitle(2, 0)).toBe('2 jobs are running')
    expect(atStakeTitle(1, 2)).toBe('1 job is running and 2 are queued')
    expect(atStakeTitle(3, 1)).toBe('3 jobs are running and 1 is queued')
  })
})
