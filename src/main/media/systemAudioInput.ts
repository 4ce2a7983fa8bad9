// What the computer plays (calls, videos) as an ffmpeg input for `transcriptor record
// --system-audio`. Only Linux offers it to a command line: PulseAudio, and PipeWire through its
// PulseAudio server, give every output a monitor source, and `@DEFAULT_MONITOR@` names the one of
// the output in use. macOS and Windows have no such source without the app (which asks the
// system for loopback audio, src/main/electron/displayMedia.ts) or a loopback driver the user
// installed, whose name we cannot know: we say so instead of guessing.

/** Why system audio cannot be captured here from the command line, or null when it can. */
export function systemAudioRefusal(platform: NodeJS.Platform): string | null {
  if (platform === 'darwin')
    return (
      'system audio on macOS needs the app (Record › System audio) or a loopback device ' +
      '(such as BlackHole) named with --device'
    )
  if (platform === 'win32')
    return (
      'system audio on Windows needs the app (Record › System audio) or a loopback device ' +
      '(such as "Stereo Mix") named with --device'
    )
  return null
}

/** ffmpeg's input for the monitor of the default output (PulseAudio or PipeWire). */
export function systemAudioInput(platform: NodeJS.Platform): string[] {
  const refusal = systemAudioRefusal(platform)
  if (refusal) throw new Error(refusal)
  return ['-f', 'pulse', '-i', '@DEFAULT_MONITOR@']
}
