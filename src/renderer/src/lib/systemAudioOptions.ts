// What the Record panel offers as system audio: each output's monitor Linux's sound server lists
// as an input ("Monitor of …"), by name, then the loopback of a screen share (systemAudio.ts),
// except in the app on Linux, whose main process answers no screen share (there the monitors are
// the way, src/main/electron/displayMedia.ts).
export type SystemAudioChoice = { kind: 'monitor'; deviceId: string } | { kind: 'loopback' }

export interface SystemAudioOption {
  /** What the Record panel's select holds for it. */
  value: string
  label: string
  choice: SystemAudioChoice
}

const MONITOR = /^Monitor of /

/** A monitor per output the system lists, then (with `loopback`) that of a screen share. */
export function systemAudioOptions(
  inputs: { id: string; label: string }[],
  loopback: boolean
): SystemAudioOption[] {
  const monitors = inputs
    .filter((input) => input.id && MONITOR.test(input.label))
    .map((input) => ({
      value: `monitor:${input.id}`,
      label: input.label,
      choice: { kind: 'monitor', deviceId: input.id } as const
    }))
  if (!loopback) return monitors
  return [
    ...monitors,
    { value: 'loopback', label: 'What this computer plays', choice: { kind: 'loopback' } }
  ]
}

/** The app (which opens files itself) on Linux: no screen-share loopback there. */
export function offersLoopback(desktopApp: boolean, userAgent: string): boolean {
  return !(desktopApp && /Linux/.test(userAgent))
}
