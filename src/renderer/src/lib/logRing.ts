// A fixed-capacity ring of log lines. The log view keeps at most `capacity` lines per job, so a
// job that prints millions of lines cannot grow the renderer's memory without bound.
export class LogRing {
  private readonly slots: string[]
  private start = 0
  private count = 0
  /** Lines ever pushed (including ones since overwritten); lets the view tell "new lines arrived". */
  private pushed = 0

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error('capacity must be a positive integer')
    this.slots = new Array<string>(capacity)
  }

  get size(): number {
    return this.count
  }

  get totalPushed(): number {
    return this.pushed
  }

  /** Lines pushed but no longer kept because the ring was full. */
  get dropped(): number {
    return this.pushed - this.count
  }

  push(lines: readonly string[]): void {
    // Only the last `capacity` lines of a huge batch can survive; skip writing the rest.
    const skip = Math.max(0, lines.length - this.capacity)
    this.pushed += skip
    for (let i = skip; i < lines.length; i++) {
      const end = (this.start + this.count) % this.capacity
      this.slots[end] = lines[i]
      if (this.count < this.capacity) this.count++
      else this.start = (this.start + 1) % this.capacity
      this.pushed++
    }
  }

  /** The i-th kept line, oldest first. */
  get(i: number): string {
    if (i < 0 || i >= this.count) throw new RangeError(`line ${i} is outside 0..${this.count - 1}`)
    return this.slots[(this.start + i) % this.capacity]
  }

  toArray(): string[] {
    const out = new Array<string>(this.count)
    for (let i = 0; i < this.count; i++) out[i] = this.slots[(this.start + i) % this.capacity]
    return out
  }

  clear(): void {
    this.start = 0
    this.count = 0
    this.pushed = 0
    this.slots.fill('')
  }
}
