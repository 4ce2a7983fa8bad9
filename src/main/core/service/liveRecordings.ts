// The recordings this service is making, each owned by the client that started it: only that
// client may send it audio, and when that client goes away (its window closed or reloaded, its
// connection lost) its recordings end the way its Stop button ends them: what arrived is kept
// and transcribed, nothing recorded is thrown away.

export interface ActiveRecording {
  readonly jobId: number
  readonly path: string
  /** Seconds appended so far. */
  readonly seconds: number
  /** Why the recording stopped by itself (a full disk, its pipeline ended), once it has. */
  readonly stoppedBecause: string | null
  /** Appends 16 kHz mono s16le audio; false once the recording has stopped. */
  append(pcm: Buffer): boolean
  /** Ends the recording; the job then finishes transcribing it (wait for its row). `reason`: why
   * its source ended by itself, kept on the job as a warning. */
  stop(reason?: string): void
}

export class LiveRecordings {
  private readonly active = new Map<number, { owner: string; recording: ActiveRecording }>()
  private readonly endWaiters = new Map<number, (() => void)[]>()

  add(owner: string, recording: ActiveRecording): void {
    this.active.set(recording.jobId, { owner, recording })
  }

  /** The recording `clientId` is making as job `id`; throws for anyone else's (or none). */
  owned(id: number, clientId: string): ActiveRecording {
    const entry = this.active.get(id)
    if (!entry || entry.owner !== clientId)
      throw new Error(`job ${id} is not a recording you are making`)
    return entry.recording
  }

  /** Ends the recording (its job then finishes transcribing it). */
  end(id: number): void {
    this.active.get(id)?.recording.stop()
    this.active.delete(id)
    this.endWaiters.get(id)?.forEach((ended) => ended())
    this.endWaiters.delete(id)
  }

  /** Resolves once recording `id` has ended (at once when it is not being made). */
  ended(id: number): Promise<void> {
    if (!this.active.has(id)) return Promise.resolve()
    return new Promise((resolve) => {
      this.endWaiters.set(id, [...(this.endWaiters.get(id) ?? []), resolve])
    })
  }

  /** The jobs of the recordings `clientId` is making. */
  ownedBy(clientId: string): number[] {
    return [...this.active].filter(([, e]) => e.owner === clientId).map(([id]) => id)
  }

  /** Ends every recording `clientId` is making; returns their jobs. */
  endOwnedBy(clientId: string): number[] {
    const ids = this.ownedBy(clientId)
    ids.forEach((id) => this.end(id))
    return ids
  }
}
