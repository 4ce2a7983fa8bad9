// Runs tasks with at most `limit` in flight. The first failure aborts the rest (their processes
// are killed through the shared signal) and is the error the pool rejects with.

export async function runPool<T>(
  count: number,
  limit: number,
  task: (index: number, signal: AbortSignal) => Promise<T>,
  parentSignal: AbortSignal
): Promise<T[]> {
  const controller = new AbortController()
  const forwardAbort = (): void => controller.abort()
  parentSignal.addEventListener('abort', forwardAbort, { once: true })
  if (parentSignal.aborted) controller.abort()
  const results = new Array<T>(count)
  let next = 0
  let firstError: unknown = null
  const worker = async (): Promise<void> => {
    while (next < count && !controller.signal.aborted) {
      const index = next++
      try {
        results[index] = await task(index, controller.signal)
      } catch (err) {
        if (firstError === null) firstError = err
        controller.abort()
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker))
  } finally {
    parentSignal.removeEventListener('abort', forwardAbort)
  }
  if (firstError !== null) throw firstError
  if (parentSignal.aborted) throw new Error('cancelled')
  return results
}
