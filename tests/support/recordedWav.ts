// What the tests read of a recording the app is writing: a 16 kHz mono 16-bit WAV with a 44-byte
// header (core/recording/recordingFile.ts writes it that way), and the Chromium flags that make a
// WAV file the browser's microphone.
import { statSync } from 'node:fs'

/** Seconds of audio the recording at `path` holds so far. */
export function recordedSeconds(path: string): number {
  return (statSync(path).size - 44) / 32_000
}

/** Chromium's fake microphone playing `wav` once, with no permission prompt. */
export function fakeMicrophoneArgs(wav: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}%noloop`,
    '--autoplay-policy=no-user-gesture-required'
  ]
}
