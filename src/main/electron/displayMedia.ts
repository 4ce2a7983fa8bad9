// What the computer plays, for the Record panel's "System audio" (src/renderer/src/lib/
// systemAudio.ts): the page's getDisplayMedia is answered with the whole screen and the system's
// loopback sound. Chromium captures it on Windows; on macOS it depends on the system's version
// and Chromium's own switches (ScreenCaptureKit), and a refusal there is one line in the page.
// The renderer stops the picture at once. On Linux the sound server lists each output's monitor
// as an input instead, so no handler is set and the request is refused.
import type { DesktopCapturer, Session } from 'electron'

export function answerDisplayMediaWithLoopback(
  session: Session,
  desktopCapturer: Pick<DesktopCapturer, 'getSources'>,
  isApp: (url: string) => boolean,
  platform: NodeJS.Platform = process.platform
): void {
  if (platform !== 'win32' && platform !== 'darwin') return
  session.setDisplayMediaRequestHandler((request, callback) => {
    const frame = request.frame
    // Only our own page, and only for sound: an empty answer refuses (the page says so).
    if (!frame || frame.parent || !isApp(frame.url) || !request.audioRequested) return callback({})
    desktopCapturer.getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } }).then(
      (sources) => {
        const screen = sources.at(0)
        callback(screen ? { video: screen, audio: 'loopback' } : {})
      },
      () => callback({})
    )
  })
}
