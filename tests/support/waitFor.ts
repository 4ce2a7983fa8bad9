// The one polling helper of the tests: wait for something a user (or the OS) would observe.

/**
 * Polls `probe` until it returns something truthy and returns that. A probe that throws is
 * retried (the thing may not exist yet); after the deadline the error names `what` and the last
 * thrown reason.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 15_000,
  intervalMs = 50
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value) return value as NonNullable<T>
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`
      )
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
