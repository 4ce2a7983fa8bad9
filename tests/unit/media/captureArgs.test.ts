// ffmpeg's input for `transcriptor record`: each platform's capture API, or a file/URL played at
// its own speed; the output is always 16 kHz mono s16le on stdout.
import { describe, expect, it } from 'vitest'
import { captureArgs } from '../../../src/main/media/captureArgs'

const OUTPUT = ['-vn', '-ac', '1', '-ar', '16000', '-f', 's16le', 'pipe:1']

describe('captureArgs', () => {
  it('captures PulseAudio (default source), ALSA when asked, AVFoundation and DirectShow', () => {
    const input = (device: string | undefined, platform: NodeJS.Platform): string[] =>
      captureArgs({ kind: 'device', device, platform }).slice(4, -OUTPUT.length)
    expect(input(undefined, 'linux')).toEqual(['-f', 'pulse', '-i', 'default'])
    expect(input('alsa:hw:1', 'linux')).toEqual(['-f', 'alsa', '-i', 'hw:1'])
    expect(input(undefined, 'darwin')).toEqual(['-f', 'avfoundation', '-i', ':default'])
    expect(input('Mic (USB)', 'win32')).toEqual(['-f', 'dshow', '-i', 'audio=Mic (USB)'])
    expect(() => input(undefined, 'win32')).toThrow(/--device/)
  })

  it('captures what the computer plays on Linux, alone or mixed with the device; refuses elsewhere', () => {
    const input = (device: string | undefined, platform: NodeJS.Platform): string[] =>
      captureArgs({ kind: 'device', device, systemAudio: true, platform }).slice(4, -OUTPUT.length)
    expect(input(undefined, 'linux')).toEqual(['-f', 'pulse', '-i', '@DEFAULT_MONITOR@'])
    expect(input('alsa:hw:1', 'linux')).toEqual([
      ...['-f', 'alsa', '-i', 'hw:1', '-f', 'pulse', '-i', '@DEFAULT_MONITOR@'],
      ...['-filter_complex', '[0:a][1:a]amix=inputs=2:duration=longest:normalize=0']
    ])
    expect(() => input(undefined, 'darwin')).toThrow(/^system audio on macOS needs the app/)
    expect(() => input('Mic', 'win32')).toThrow(/^system audio on Windows needs the app/)
  })

  it('plays a file at its own speed only with realtime', () => {
    expect(captureArgs({ kind: 'input', input: '/a.wav', realtime: true })).toEqual([
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-re',
      '-i',
      '/a.wav',
      ...OUTPUT
    ])
    expect(captureArgs({ kind: 'input', input: 'http://radio/x', realtime: false })).not.toContain(
      '-re'
    )
  })
})
