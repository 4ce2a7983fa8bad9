// What a host (Electron window, browser host) needs from the core's TranscriptionService. Kept
// structural so the adapters are testable with a small fake and do not import the core.
import type {
  EventChannel,
  EventPayloads,
  JobsStoppedNotice,
  RequestHandlers
} from '@shared/ipc/contract'

export interface HostedService {
  handlers: RequestHandlers
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
  /** A client went away (window closed/reloaded/crashed, connection closed): stop its jobs. */
  releaseClient(clientId: string, reason: string): Promise<JobsStoppedNotice>
  /** Marks every job the client owns as kept in background (answer to the leave prompt). */
  keepClientJobs?(clientId: string): number[]
  /** The jobs of the recordings the client is making (they end, and finish, when it goes). */
  liveRecordingsOf?(clientId: string): number[]
  /** Ends the client's recordings as their Stop button does (kept, transcribed); their jobs. */
  endRecordingsOf?(clientId: string): number[]
  /** Resolves when every listed job has reached a final status. */
  waitForJobs?(ids: number[]): Promise<unknown>
  /** Stops everything, keep-in-background jobs too, within the timeout. */
  shutdown(reason: string, timeoutMs?: number): Promise<void>
}
