// What the computer plays (calls, videos) as a second input, mixed with the microphone
// (micCapture.ts). Linux's sound servers list each output's monitor as an input, "Monitor of …":
// those are offered by name and opened like a microphone. Elsewhere the system's loopback comes
// with a screen share: getDisplayMedia, answered by the app with the whole screen and its sound
// (src/main/electron/displayMedia.ts), or by the browser's own picker in the browser host. Its
// picture is not wanted: only the sound is kept. No Node here: this runs in the renderer.
import { oneLineError } from '@shared/errors'
import type { SystemAudioChoice } from './systemAudioOptions'

/** The reason a screen share brought no sound: this system or browser has no loopback. */
class NoLoopback extends Error {}

export async function openSystemAudio(choice: SystemAudioChoice): Promise<MediaStream> {
  if (!('mediaDevices' in navigator)) throw new NoLoopback('no media devices')
  if (choice.kind === 'monitor')
    return navigator.mediaDevices.getUserMedia({
      audio: {
        deviceId: { exact: choice.deviceId },
        echoCancellation: false,
        noiseSuppression: false,
        autoGainControl: false
      }
    })
  // A screen share must ask for the picture too; it is stopped at once.
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: true })
  for (const track of stream.getVideoTracks()) {
    track.stop()
    stream.removeTrack(track)
  }
  if (stream.getAudioTracks().length === 0) throw new NoLoopback('the screen share has no sound')
  return stream
}

const MIC_ONLY = 'recording the microphone only.'

/** The one line a user reads when system audio could not join the recording. */
export function systemAudioErrorLine(error: unknown): string {
  const name = error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return `System audio was not allowed: ${MIC_ONLY}`
  if (error instanceof NoLoopback || name === 'NotSupportedError' || name === 'NotFoundError')
    return /Linux/.test(navigator.userAgent)
      ? 'System audio is not available here (on Linux choose a "Monitor of …" input, listed ' +
          `once the microphone was allowed): ${MIC_ONLY}`
      : `System audio is not available here: ${MIC_ONLY}`
  return `System audio could not be opened (${oneLineError(error)}): ${MIC_ONLY}`
}

export const SYSTEM_AUDIO_ENDED = `System audio ended: ${MIC_ONLY}`
