// The one retry rule for work that failed and is worth trying again later (an endpoint's chunk,
// a final status the database refused): wait `firstMs`, doubled per consecutive failure, never
// longer than `maxMs`.

export interface Backoff {
  firstMs: number
  maxMs: number
}

/** The wait before the next try after `failures` consecutive failures (0: the first try's). */
export function backoffMs(failures: number, { firstMs, maxMs }: Backoff): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, failures))
}
