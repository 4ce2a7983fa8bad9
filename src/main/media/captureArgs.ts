// ffmpeg's arguments for a live recording's source, always read out as 16 kHz mono s16le on
// stdout (what the recording file holds): the system's capture device (PulseAudio or ALSA on
// Linux, AVFoundation on macOS, DirectShow on Windows) or a file or stream URL, which `realtime`
// plays at its own speed, as a microphone would deliver it.
import { SAMPLE_RATE } from './decode'

export type CaptureSource =
  | { kind: 'device'; device?: string; platform?: NodeJS.Platform }
  | { kind: 'input'; input: string; realtime: boolean }

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

export function captureArgs(source: CaptureSource): string[] {
  const input =
    source.kind === 'device'
      ? deviceInput(source.device, source.platform ?? process.platform)
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
