// A request's signal: aborted by the job (Stop) or when its deadline passes, whichever comes first.
//
// Not `AbortSignal.any([job, AbortSignal.timeout(ms)])`: on Node 20 the combined signal holds its
// sources only weakly, and nothing else holds the timeout signal, so a garbage collection during
// the wait collects it and its timer then finds nothing to abort. A hung server would keep the
// chunk forever (the 'hang' server of tests/unit/remote/requestDeadline.test.ts). Here the timer
// holds the controller strongly, and `dispose` clears it as soon as the request is over.

export interface RequestDeadline {
  signal: AbortSignal
  /** True once the deadline, not the job, aborted the request. */
  timedOut(): boolean
  /** Clears the timer and forgets the job's signal; call when the request is over. */
  dispose(): void
}

export function requestDeadline(job: AbortSignal, timeoutMs: number): RequestDeadline {
  const controller = new AbortController()
  let expired = false
  const timer = setTimeout(() => {
    expired = true
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'))
  }, timeoutMs)
  const onJobAbort = (): void => controller.abort(job.reason)
  if (job.aborted) onJobAbort()
  else job.addEventListener('abort', onJobAbort, { once: true })
  return {
    signal: controller.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer)
      job.removeEventListener('abort', onJobAbort)
    }
  }
}
