// One HTTP(S) GET with checked redirects, an optional Range, an abort signal and two deadlines
// (see replyConnection: the headers within `connectMs`, then no silence in the body longer than
// `idleMs`). Resolves with the reply once its headers arrive.
import { checkDownloadUrl } from './catalog'
import { openReply, type DownloadTimeouts, type Reply } from './replyConnection'
import { headersForHop, redirectTarget } from './redirect'

export type { DownloadTimeouts, Reply }

export const DEFAULT_TIMEOUTS: DownloadTimeouts = { connectMs: 30_000, idleMs: 60_000 }

export async function getResponse(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  timeouts: DownloadTimeouts = DEFAULT_TIMEOUTS
): Promise<Reply> {
  let target = checkDownloadUrl(url)
  let sent = headers
  for (let hops = 0; ; hops++) {
    const reply = await openReply(target, sent, signal, timeouts)
    const next = redirectTarget(reply, target, hops)
    if (!next) return reply
    sent = headersForHop(sent, target, next)
    target = next
  }
}
