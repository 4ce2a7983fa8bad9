// HTTP/1.1 heads as text, for the download client in replyConnection.ts: the GET we send (one
// request per connection, `Connection: close`), and the reply's status line and headers. How the
// body after the head ends (its framing) follows from those headers.
import { DownloadError } from './downloadError'

export interface ReplyHead {
  status: number
  statusText: string
  /** Lowercase names; a repeated header's values joined with ", ". */
  headers: Partial<Record<string, string>>
}

/** How the body ends: after `length` bytes, after the last chunk, or when the server closes. */
export type Framing = { kind: 'length'; length: number } | { kind: 'chunked' } | { kind: 'close' }

/** The request head; credentials in the URL become Basic authorization, as node:http does. */
export function requestHead(url: URL, headers: Record<string, string>): string {
  const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`]
  const all: Record<string, string> = { 'User-Agent': 'transcriptor', ...headers }
  if (url.username || url.password) {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
    all.Authorization = `Basic ${Buffer.from(user).toString('base64')}`
  }
  for (const [name, value] of Object.entries(all)) lines.push(`${name}: ${value}`)
  lines.push('Connection: close', '', '')
  return lines.join('\r\n')
}

/** The head's text up to (without) its blank line. */
export function parseHead(text: string, host: string): ReplyHead {
  const [statusLine, ...lines] = text.split(/\r?\n/)
  const m = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine)
  if (!m) throw new DownloadError(`${host} did not answer in HTTP/1.1`)
  const headers: Partial<Record<string, string>> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon <= 0) throw new DownloadError(`${host} sent a malformed header line`)
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  return { status: Number(m[1]), statusText: m.at(2) ?? '', headers }
}

export function framingOf(head: ReplyHead, host: string): Framing {
  const coding = head.headers['transfer-encoding']
  if (coding !== undefined) {
    if (/^\s*chunked\s*$/i.test(coding)) return { kind: 'chunked' }
    throw new DownloadError(`${host} sent a body encoded as '${coding}', which is not supported`)
  }
  const length = head.headers['content-length']
  if (length === undefined) return { kind: 'close' }
  if (!/^\d{1,15}$/.test(length))
    throw new DownloadError(`${host} sent a bad Content-Length '${length.slice(0, 40)}'`)
  return { kind: 'length', length: Number(length) }
}
