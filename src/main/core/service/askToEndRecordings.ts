// "Stop and keep the recording" when the app closes or quits: the window making a recording is
// asked to stop it the way its own Stop button does (the renderer's store/recordingStore.ts), so
// the audio it holds (captured while the question was open, not yet sent) goes in before the
// recording ends. A window that does not answer within the bound (hung, or gone) has its
// recordings ended here with what has arrived. The jobs are kept in the background first: the
// window closes next, and its release must not stop the transcription of what was recorded.
import { setTimeout as delay } from 'node:timers/promises'
import { setKeepInBackground } from './jobCommands'
import type { ServiceCore } from './serviceCore'

type AskDeps = Pick<
  ServiceCore,
  'recordings' | 'hub' | 'mustGet' | 'repo' | 'scheduler' | 'pm' | 'changed'
>

/** Ends the client's recordings through its window, within `timeoutMs`; returns their jobs. */
export async function askToEndClientRecordings(
  core: AskDeps,
  clientId: string,
  timeoutMs: number
): Promise<number[]> {
  const ids = core.recordings.ownedBy(clientId)
  if (ids.length === 0) return []
  for (const id of ids) setKeepInBackground(core, id, true)
  const ended = Promise.all(ids.map((id) => core.recordings.ended(id)))
  for (const id of ids) core.hub.emit('recording.endAsked', { id })
  const bound = new AbortController()
  await Promise.race([
    ended,
    delay(timeoutMs, undefined, { signal: bound.signal, ref: false }).catch(() => undefined)
  ])
  bound.abort()
  core.recordings.endOwnedBy(clientId)
  return ids
}
