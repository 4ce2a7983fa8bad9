// ffmpeg's arguments for a live recording's source, always read out as 16 kHz mono s16le on
// stdout (what the recording file holds): the system's capture device (PulseAudio or ALSA on
// Linux, AVFoundation on macOS, DirectShow on Windows), what the computer plays (systemAudio,
// alone or mixed with the named device), or a file or stream URL, which `realtime` plays at its
// own speed, as a microphone would deliver it.
import { SAMPLE_RATE } from './decode'
import { systemAudioInput } from './systemAudioInput'

export type CaptureSource =
  | { kind: 'device'; device?: string; systemAudio?: boolean; platform?: NodeJS.Platform }
  | { kind: 'input'; input: string; realtime: boolean }

/** Both inputs summed as they are: halving each (amix's default) would only make speech quieter. */
const MIX = ['-filter_complex', '[0:a][1:a]amix=inputs=2:duration=longest:normalize=0']

/** `alsa:hw:1` picks ALSA on Linux; any other name is a PulseAudio source ('default' if none). */
function deviceInput(device: string | undefined, platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') return ['-f', 'avfoundation', '-i', `:${device ?? 'default'}`]
  if (platform === 'win32') {
    if (!device)
      throw new Error(
        'name the microphone with --device (ffmpeg -list_devices true -f dshow -i dummy lists them)'
      )
    return ['-f', 'dshow', '-i', `audio=${device}`]
  }
  if (device?.startsWith('alsa:')) return ['-f', 'alsa', '-i', device.slice('alsa:'.length)]
  return ['-f', 'pulse', '-i', device ?? 'default']
}

/** The device, what the computer plays, or both mixed. */
function deviceInputs(source: CaptureSource & { kind: 'device' }): string[] {
  const platform = source.platform ?? process.platform
  if (!source.systemAudio) return deviceInput(source.device, platform)
  const system = systemAudioInput(platform)
  if (source.device === undefined) return system
  return [...deviceInput(source.device, platform), ...system, ...MIX]
}

export function captureArgs(source: CaptureSource): string[] {
  const input =
    source.kind === 'device'
      ? deviceInputs(source)
      : [...(source.realtime ? ['-re'] : []), '-i', source.input]
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...input,
    '-vn',
    '-ac',
    '1',
    '-ar',
    String(SAMPLE_RATE),
    '-f',
    's16le',
    'pipe:1'
  ]
}
