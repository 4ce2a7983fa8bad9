// The live recording's request handlers: the recordings this service is making, each owned by the
// client that started it (only it may send audio). A client that goes away takes its job with it
// (like any job it owns); the recording ends with the job and its audio stays (Resume).
import type { RequestHandlers } from '@shared/ipc/contract'
import { startRecording, type ActiveRecording } from './recording'
import type { ServiceCore } from './serviceCore'

type RecordingChannels = 'recording.start' | 'recording.append' | 'recording.stop'

export function recordingHandlers(
  core: Parameters<typeof startRecording>[0] & Pick<ServiceCore, 'mustGet' | 'rowOf'>
): Pick<RequestHandlers, RecordingChannels> {
  const active = new Map<number, { owner: string; recording: ActiveRecording }>()
  const owned = (id: number, clientId: string): ActiveRecording => {
    const entry = active.get(id)
    if (!entry || entry.owner !== clientId)
      throw new Error(`job ${id} is not a recording you are making`)
    return entry.recording
  }
  return {
    'recording.start': async ({ options, keepInBackground }, ctx) => {
      const recording = startRecording(core, { ownerId: ctx.clientId, options, keepInBackground })
      active.set(recording.jobId, { owner: ctx.clientId, recording })
      return core.mustGet(recording.jobId)
    },
    'recording.append': async ({ id, pcm }, ctx) => {
      const recording = owned(id, ctx.clientId)
      recording.append(Buffer.from(pcm, 'base64'))
      return { seconds: recording.seconds, stopped: recording.stoppedBecause }
    },
    'recording.stop': async ({ id }, ctx) => {
      owned(id, ctx.clientId).stop()
      active.delete(id)
      return core.mustGet(id)
    }
  }
}
