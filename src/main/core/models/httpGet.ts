// One HTTP(S) GET with checked redirects, an optional Range, an abort signal and two deadlines:
// the headers must arrive within `connectMs`, and once they have, a body that sends nothing for
// `idleMs` is cut (its stream errors with the reason, and the download resumes or gives up).
// Resolves with the response once headers arrive.
import { get as httpGet, type IncomingMessage } from 'node:http'
import { get as httpsGet } from 'node:https'
import { checkDownloadUrl } from './catalog'
import { DownloadError } from './downloadError'
import { headersForHop, redirectTarget } from './redirect'

export interface DownloadTimeouts {
  /** From the request to the reply's headers (connect, TLS, server think time). */
  connectMs: number
  /** Longest silence in the body before the connection is given up. */
  idleMs: number
}

export const DEFAULT_TIMEOUTS: DownloadTimeouts = { connectMs: 30_000, idleMs: 60_000 }

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`

function getOnce(
  url: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
  timeouts: DownloadTimeouts
): Promise<IncomingMessage> {
  const get = url.protocol === 'https:' ? httpsGet : httpGet
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { 'user-agent': 'transcriptor', ...headers }, signal })
    const noAnswer = setTimeout(
      () =>
        request.destroy(
          new DownloadError(`no answer from ${url.host} within ${seconds(timeouts.connectMs)}`)
        ),
      timeouts.connectMs
    )
    request.on('error', (err) => {
      clearTimeout(noAnswer)
      if (signal.aborted) reject(new Error('cancelled'))
      else if (err instanceof DownloadError) reject(err)
      else reject(new DownloadError(`cannot reach ${url.host}: ${err.message}`))
    })
    request.on('response', (response) => {
      clearTimeout(noAnswer)
      response.setTimeout(timeouts.idleMs, () =>
        response.destroy(new Error(`no data for ${seconds(timeouts.idleMs)}`))
      )
      resolve(response)
    })
  })
}

export async function getResponse(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  timeouts: DownloadTimeouts = DEFAULT_TIMEOUTS
): Promise<IncomingMessage> {
  let target = checkDownloadUrl(url)
  let sent = headers
  for (let hops = 0; ; hops++) {
    const response = await getOnce(target, sent, signal, timeouts)
    const next = redirectTarget(response, target, hops)
    if (!next) return response
    sent = headersForHop(sent, target, next)
    target = next
  }
}
