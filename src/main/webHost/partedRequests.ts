// One connection's requests that arrive in parts (src/shared/ipc/messageParts.ts), held until
// their last part. What a connection may hold is bounded: a few requests at once, their text
// together at most MAX_PARTED_CHARS. A request that breaks a rule is refused once, with one line
// for its id; the rest of its parts are dropped as they come.
import { MAX_PARTED_CHARS, tooBigText, type MessagePart } from '@shared/ipc/messageParts'

/** Requests one connection may be sending in parts at once. */
const MAX_OPEN = 4

interface Assembling {
  parts: number
  next: number
  slices: string[]
  /** Refused: its remaining parts are dropped, its slices were let go. */
  refused: boolean
}

export type PartStep = { more: true } | { whole: string } | { refused: string }

export class PartedRequests {
  private readonly open = new Map<number, Assembling>()
  private chars = 0

  add(part: MessagePart): PartStep {
    const held = this.open.get(part.id)
    const last = part.part === part.parts - 1
    if (held?.refused) {
      if (last || part.part === 0) this.open.delete(part.id)
      return part.part === 0 ? this.add(part) : { more: true }
    }
    const why = this.refusal(part, held)
    if (why) {
      if (held) this.letGo(part.id, held)
      // Remembered (within the bound) so its next parts are dropped, not each refused again.
      if (!last && this.open.size < MAX_OPEN)
        this.open.set(part.id, { parts: part.parts, next: 0, slices: [], refused: true })
      return { refused: why }
    }
    const assembling = held ?? { parts: part.parts, next: 0, slices: [], refused: false }
    this.open.set(part.id, assembling)
    assembling.slices.push(part.text)
    assembling.next++
    this.chars += part.text.length
    if (!last) return { more: true }
    const whole = assembling.slices.join('')
    this.letGo(part.id, assembling)
    return { whole }
  }

  /** The connection closed: what it held goes. */
  clear(): void {
    this.open.clear()
    this.chars = 0
  }

  private refusal(part: MessagePart, held: Assembling | undefined): string | null {
    if (!held && part.part !== 0) return `part ${part.part} of request ${part.id} came first`
    if (held && (part.parts !== held.parts || part.part !== held.next))
      return `part ${part.part} of ${part.parts} of request ${part.id} came out of order`
    if (!held && this.open.size >= MAX_OPEN)
      return `more than ${MAX_OPEN} requests in parts at once`
    if (this.chars + part.text.length > MAX_PARTED_CHARS)
      return tooBigText(this.chars + part.text.length)
    return null
  }

  private letGo(id: number, assembling: Assembling): void {
    for (const slice of assembling.slices) this.chars -= slice.length
    assembling.slices = []
    this.open.delete(id)
  }
}
