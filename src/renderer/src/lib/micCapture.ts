// The microphone as 16 kHz mono s16 frames: getUserMedia with echo cancellation, noise
// suppression and auto gain off (the recording is what was said, not what a call would send), an
// AudioContext at 16 kHz (the browser resamples the device) and an AudioWorklet that turns each
// 100 ms into an s16 frame with its level (pcmFramesWorklet.ts). A second input (what the
// computer plays, systemAudio.ts) joins the same graph before the worklet, which sums what it is
// given: the recording is both mixed. No Node here: this runs in the renderer.
import { oneLineError } from '@shared/errors'
import workletUrl from './pcmFramesWorklet?worker&url'

export const CAPTURE_SAMPLE_RATE = 16_000

export interface MicCapture {
  /** The device's label as the system names it ('' before permission). */
  label: string
  /** Mixes `stream` in until it ends (then `onEnded`) or the capture stops. */
  mix(stream: MediaStream, onEnded: () => void): void
  stop(): Promise<void>
}

export interface MicHandlers {
  onFrame(pcm: Int16Array, rms: number): void
  /** The device went away (unplugged, revoked) while capturing. */
  onEnded(): void
}

/** The one line a user reads when the microphone cannot be opened. */
export function micErrorLine(error: unknown): string {
  const name = error instanceof DOMException ? error.name : ''
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'No microphone found: plug one in or choose another input.'
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Microphone permission denied: allow it for this app to record.'
  if (name === 'NotReadableError') return 'The microphone is busy or failed: try another input.'
  return `The microphone could not be opened: ${oneLineError(error)}`
}

export async function openMic(deviceId: string, handlers: MicHandlers): Promise<MicCapture> {
  if (!('mediaDevices' in navigator)) throw new DOMException('no media devices', 'NotFoundError')
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: {
      ...(deviceId && { deviceId: { exact: deviceId } }),
      channelCount: 1,
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false
    }
  })
  const context = new AudioContext({ sampleRate: CAPTURE_SAMPLE_RATE })
  await context.audioWorklet.addModule(workletUrl)
  const source = context.createMediaStreamSource(stream)
  // Explicitly one channel: a stereo input (an output's sound) is mixed down, not cut to its left.
  const node = new AudioWorkletNode(context, 'pcm-frames', {
    channelCount: 1,
    channelCountMode: 'explicit'
  })
  node.port.onmessage = (event: MessageEvent<{ pcm: ArrayBuffer; rms: number }>) =>
    handlers.onFrame(new Int16Array(event.data.pcm), event.data.rms)
  source.connect(node)
  const [track] = stream.getAudioTracks()
  track.addEventListener('ended', () => handlers.onEnded())
  const mixed: MediaStream[] = []
  return {
    label: track.label,
    mix(other, onEnded) {
      const input = context.createMediaStreamSource(other)
      input.connect(node)
      mixed.push(other)
      for (const t of other.getAudioTracks())
        t.addEventListener('ended', () => {
          input.disconnect()
          onEnded()
        })
    },
    async stop() {
      node.port.onmessage = null
      source.disconnect()
      node.disconnect()
      for (const t of [stream, ...mixed].flatMap((s) => s.getTracks())) t.stop()
      await context.close()
    }
  }
}

/** The inputs the system offers (labels appear once permission was given). */
export async function audioInputs(): Promise<{ id: string; label: string }[]> {
  if (!('mediaDevices' in navigator)) return []
  const devices = await navigator.mediaDevices.enumerateDevices()
  return devices
    .filter((d) => d.kind === 'audioinput')
    .map((d, i) => ({ id: d.deviceId, label: d.label || `Microphone ${i + 1}` }))
}

/** s16 samples as base64 (what the contract's recording.append carries). */
export function pcmBase64(samples: Int16Array): string {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
