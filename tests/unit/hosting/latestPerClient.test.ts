// Only a client's newest request of a kind goes on: the older one's signal is aborted, another
// client's is not, and a finished request leaves nothing behind.
import { describe, expect, test } from 'vitest'
import { LatestPerClient } from '../../../src/main/core/hosting/latestPerClient'

describe('LatestPerClient', () => {
  test("a newer request aborts the same client's older one, not another client's", async () => {
    const latest = new LatestPerClient()
    const signals: Record<string, AbortSignal> = {}
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const hold = (name: string) => (signal: AbortSignal) => {
      signals[name] = signal
      return gate.then(() => name)
    }
    const older = latest.run('page-1', hold('older'))
    const elsewhere = latest.run('page-2', hold('elsewhere'))
    const newer = latest.run('page-1', hold('newer'))
    expect(signals.older.aborted).toBe(true)
    expect(signals.newer.aborted).toBe(false)
    expect(signals.elsewhere.aborted).toBe(false)
    release()
    expect(await Promise.all([older, newer, elsewhere])).toEqual(['older', 'newer', 'elsewhere'])
    // Done: the next request of page-1 aborts nothing that is still around.
    await latest.run('page-1', async (signal) => expect(signal.aborted).toBe(false))
    expect(signals.newer.aborted).toBe(false)
  })
})
