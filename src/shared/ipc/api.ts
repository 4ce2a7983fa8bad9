// The shape of `window.transcriptor`, derived from the contract: `api.jobs.stop({ id })`.
import type {
  EventChannel,
  EventPayloads,
  RequestChannel,
  RequestInput,
  RequestOutput
} from '@shared/ipc/contract'

type Group<C extends string> = C extends `${infer G}.${string}` ? G : never
type Method<C extends string, G extends string> = C extends `${G}.${infer M}` ? M : never

export type TranscriptorApi = {
  [G in Group<RequestChannel>]: {
    [M in Method<RequestChannel, G>]: `${G}.${M}` extends infer C extends RequestChannel
      ? (input: RequestInput<C>) => Promise<RequestOutput<C>>
      : never
  }
} & {
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
  /** Absolute path of a dropped File (Electron only; the browser host uploads instead). */
  pathForFile?(file: File): string
  /** Where the job page's player loads the job's original recording (each host serves it). */
  mediaUrl?(jobId: number): string
  /** Browser host only: uploads a dropped file into the data dir and returns its path there. */
  uploadFile?(file: File): Promise<string>
}
