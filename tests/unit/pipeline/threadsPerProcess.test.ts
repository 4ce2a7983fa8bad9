// Threads per engine process follow the cores: processes × threads never exceeds them.
import { describe, expect, it } from 'vitest'
import { threadsPerProcess } from '../../../src/main/pipeline/threadsPerProcess'

describe('threadsPerProcess', () => {
  it('the default (1) takes the process share of the cores', () => {
    expect(threadsPerProcess(1, 1, 8)).toBe(8)
    expect(threadsPerProcess(1, 2, 8)).toBe(4)
    expect(threadsPerProcess(1, 3, 8)).toBe(2)
    expect(threadsPerProcess(1, 2, 2)).toBe(1)
    expect(threadsPerProcess(1, 4, 2)).toBe(1) // more processes than cores: one thread each
  })

  it('a larger setting is honoured up to that share, never past it', () => {
    expect(threadsPerProcess(2, 2, 8)).toBe(2)
    expect(threadsPerProcess(16, 2, 8)).toBe(4)
    for (const processes of [1, 2, 3, 4, 8])
      for (const asked of [1, 2, 4, 64])
        expect(processes * threadsPerProcess(asked, processes, 8)).toBeLessThanOrEqual(8)
  })
})
