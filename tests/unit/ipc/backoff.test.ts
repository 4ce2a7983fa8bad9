// The one retry rule: the first wait, doubled per consecutive failure, capped.
import { describe, expect, it } from 'vitest'
import { backoffMs } from '@shared/backoff'

describe('backoffMs', () => {
  it('doubles per failure from the first wait and stops at the cap', () => {
    const rule = { firstMs: 500, maxMs: 30_000 }
    expect([0, 1, 2, 3, 5, 6, 20].map((n) => backoffMs(n, rule))).toEqual([
      500, 1000, 2000, 4000, 16_000, 30_000, 30_000
    ])
  })
})
