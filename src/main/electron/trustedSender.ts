// IPC is answered only for our own window's top frame showing our own app. A subframe, another
// webContents, or our window after it somehow navigated elsewhere gets a refusal.
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { isAppUrl, type AppEntry } from './appOrigin'

type Frame = { routingId: number; processId: number; url: string; parent: unknown }
type TrustedContents = Pick<WebContents, 'id'> & { mainFrame: Frame; isDestroyed(): boolean }

export interface SenderEvent {
  sender: Pick<WebContents, 'id'>
  senderFrame: Frame | null
}

export function isTrustedSender(
  event: SenderEvent | IpcMainInvokeEvent,
  windows: Iterable<TrustedContents>,
  entry: AppEntry
): boolean {
  const frame = event.senderFrame as Frame | null
  if (!frame || frame.parent) return false
  for (const contents of windows) {
    if (contents.isDestroyed() || contents.id !== event.sender.id) continue
    const main = contents.mainFrame
    return (
      main.routingId === frame.routingId &&
      main.processId === frame.processId &&
      isAppUrl(frame.url, entry)
    )
  }
  return false
}
