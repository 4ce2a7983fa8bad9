// Following a redirect (Hugging Face answers with one to its CDN) without trusting it: the
// Location must parse, stay http(s), and the chain is bounded; credentials (URL user info,
// Authorization, Cookie) never go to another origin. A refused hop is one line, never a throw
// out of a response handler.
import { DownloadError } from './downloadError'
import type { Reply } from './replyConnection'

export const MAX_REDIRECTS = 5

const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie']

const clip = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}…` : text)

/** Where a 3xx reply sends us next, or null when the reply is not a redirect to follow. */
export function redirectTarget(reply: Reply, from: URL, hops: number): URL | null {
  const location = reply.headers.location
  if (reply.status < 300 || reply.status >= 400 || reply.status === 304 || !location) return null
  reply.discard()
  if (hops >= MAX_REDIRECTS)
    throw new DownloadError(
      `refusing redirect from ${from.host}: more than ${MAX_REDIRECTS} redirects`
    )
  let next: URL
  try {
    next = new URL(location, from)
  } catch {
    throw new DownloadError(
      `refusing redirect from ${from.host}: unparseable location '${clip(location)}'`
    )
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:')
    throw new DownloadError(
      `refusing redirect from ${from.host} to ${next.protocol} URL '${clip(location)}': only http and https downloads`
    )
  if (next.origin !== from.origin) {
    next.username = ''
    next.password = ''
  }
  return next
}

/** The request headers for the next hop: credentials stay with the origin they were meant for. */
export function headersForHop(
  headers: Record<string, string>,
  from: URL,
  to: URL
): Record<string, string> {
  if (to.origin === from.origin) return headers
  return Object.fromEntries(
    Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.includes(k.toLowerCase()))
  )
}
