// A minimal typed event hub: `on` returns its own unsubscribe function, and a throwing listener
// cannot stop the others (or the process manager) from running.
export class TypedEvents<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>()

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
        console.error(`listener for '${String(event)}' failed:`, err)
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
