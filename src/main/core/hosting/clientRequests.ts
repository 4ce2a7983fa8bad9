// Requests still running for each client. When a client goes away, its jobs are released only
// after its in-flight requests settle: otherwise a `jobs.create` that finishes just after the page
// closed would leave jobs running with no page to own them.
export class ClientRequests {
  private readonly inflight = new Map<string, Set<Promise<unknown>>>()

  track<T>(clientId: string, request: Promise<T>): Promise<T> {
    let set = this.inflight.get(clientId)
    if (!set) this.inflight.set(clientId, (set = new Set()))
    const entry = request.finally(() => {
      set.delete(entry)
      if (set.size === 0 && this.inflight.get(clientId) === set) this.inflight.delete(clientId)
    })
    set.add(entry)
    return request
  }

  /** Resolves once every request this client had in flight has settled (never rejects). */
  async settled(clientId: string): Promise<void> {
    const set = this.inflight.get(clientId)
    if (set) await Promise.allSettled([...set])
  }
}
