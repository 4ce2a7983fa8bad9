// Who may talk to the browser host: a request must come to our loopback address (Host header, so a
// DNS-rebinding page cannot reach us) and carry the random token, in the query or in the cookie the
// host set when it served index.html with the token (the page's own assets cannot carry a query).
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function cookieName(port: number): string {
  // Cookies are not isolated by port, so two hosts on 127.0.0.1 must not share a name.
  return `transcriptor_token_${port}`
}

export function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

export interface RequestAuth {
  /** Token presented in the URL query (a fresh page load or an API call). */
  queryToken: string | undefined
  allowed: boolean
  reason: string
}

export function authorize(
  req: IncomingMessage,
  url: URL,
  port: number,
  token: string
): RequestAuth {
  const queryToken = url.searchParams.get('token') ?? undefined
  const host = req.headers.host
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    return { queryToken, allowed: false, reason: 'wrong Host header' }
  }
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${host}`) {
    return { queryToken, allowed: false, reason: 'cross-origin request' }
  }
  const given = queryToken ?? cookieValue(req, cookieName(port))
  if (!sameToken(given, token))
    return { queryToken, allowed: false, reason: 'missing or wrong token' }
  return { queryToken, allowed: true, reason: '' }
}
