// For requests where only the newest one of a client matters (History's search as the user types):
// a new request aborts the signal of the same client's request still running, so an abandoned
// search stops at its next step instead of working on for a page nobody will see.
export class LatestPerClient {
  private readonly running = new Map<string, AbortController>()

  async run<T>(clientId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.running.get(clientId)?.abort()
    const controller = new AbortController()
    this.running.set(clientId, controller)
    try {
      return await work(controller.signal)
    } finally {
      if (this.running.get(clientId) === controller) this.running.delete(clientId)
    }
  }
}
