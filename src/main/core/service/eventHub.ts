// A tiny typed event hub: the service's events fan out to every host (window, socket, CLI).
import type { EventChannel, EventPayloads } from '@shared/ipc/contract'

type Listener<E extends EventChannel> = (payload: EventPayloads[E]) => void

export class EventHub {
  private readonly listeners = new Map<EventChannel, Set<Listener<EventChannel>>>()

  on<E extends EventChannel>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener as Listener<EventChannel>)
    return () => set.delete(listener as Listener<EventChannel>)
  }

  emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        ;(listener as Listener<E>)(payload)
      } catch (error) {
        // One broken subscriber (a closed window) must not stop the others.
        console.error(`[service] ${event} listener failed: ${String(error)}`)
      }
    }
  }
}
