// The live recording's request handlers: start one (owned by the asking client, which alone may
// send it audio: liveRecordings.ts), append audio, stop it (its job then finishes the transcript).
import type { RequestHandlers } from '@shared/ipc/contract'
import { startRecording } from './recording'
import type { ServiceCore } from './serviceCore'

type RecordingChannels = 'recording.start' | 'recording.append' | 'recording.stop'

export function recordingHandlers(
  core: Parameters<typeof startRecording>[0] & Pick<ServiceCore, 'mustGet' | 'recordings'>
): Pick<RequestHandlers, RecordingChannels> {
  const { recordings } = core
  return {
    'recording.start': async ({ options, keepInBackground }, ctx) => {
      const recording = startRecording(core, { ownerId: ctx.clientId, options, keepInBackground })
      recordings.add(ctx.clientId, recording)
      return core.mustGet(recording.jobId)
    },
    'recording.append': async ({ id, pcm }, ctx) => {
      const recording = recordings.owned(id, ctx.clientId)
      recording.append(Buffer.from(pcm, 'base64'))
      return { seconds: recording.seconds, stopped: recording.stoppedBecause }
    },
    'recording.stop': async ({ id }, ctx) => {
      recordings.owned(id, ctx.clientId)
      recordings.end(id)
      return core.mustGet(id)
    }
  }
}
