// The one typed event hub (the ProcessManager's events, the service's events to every host): `on`
// returns its own unsubscribe function, and a throwing listener (a closed window) cannot stop the
// others from running.
export class TypedEvents<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>()

  /** `owner` names the hub in the line logged when a listener throws. */
  constructor(private readonly owner = 'events') {}

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener as (payload: never) => void)
    return () => {
      set.delete(listener as (payload: never) => void)
    }
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        ;(listener as (p: Events[K]) => void)(payload)
      } catch (err) {
        console.error(`[${this.owner}] listener for '${String(event)}' failed:`, err)
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
