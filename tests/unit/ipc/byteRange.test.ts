// HTTP Range as the hosts answer it for the job page's player.
import { describe, expect, it } from 'vitest'
import { parseRange } from '../../../src/main/core/hosting/byteRange'

describe('HTTP Range', () => {
  it('answers the forms players send', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'whole' })
    expect(parseRange('bytes=0-', 100)).toEqual({ kind: 'partial', start: 0, end: 99 })
    expect(parseRange('bytes=10-19', 100)).toEqual({ kind: 'partial', start: 10, end: 19 })
    expect(parseRange('bytes=90-500', 100)).toEqual({ kind: 'partial', start: 90, end: 99 })
    expect(parseRange('bytes=-30', 100)).toEqual({ kind: 'partial', start: 70, end: 99 })
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=5-1', 100)).toEqual({ kind: 'unsatisfiable' })
  })
})
