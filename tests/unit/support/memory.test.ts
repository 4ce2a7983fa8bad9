// The memory reader behind the tests' memory caps measures for real: a live process has a size,
// an exited one answers null (never a 0 that would pass any cap).
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { rssKb } from '../../support/memory'

describe('rssKb', () => {
  it('a live process: its resident size in kB', () => {
    const kb = rssKb(process.pid)
    expect(kb).not.toBeNull()
    expect(kb!).toBeGreaterThan(1024)
    expect(kb! * 1024).toBeLessThanOrEqual(process.memoryUsage().rss * 2)
  })

  it('a process that has exited: null', () => {
    const gone = spawnSync('true').pid
    expect(rssKb(gone)).toBeNull()
  })
})
