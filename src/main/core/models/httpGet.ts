// One HTTP(S) GET with redirects followed (Hugging Face answers with a redirect to its CDN),
// an optional Range, and an abort signal. Resolves with the response once headers arrive.
import { get as httpGet, type IncomingMessage } from 'node:http'
import { get as httpsGet } from 'node:https'
import { checkDownloadUrl } from './catalog'

const MAX_REDIRECTS = 5

export function getResponse(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  redirects = 0
): Promise<IncomingMessage> {
  const parsed = checkDownloadUrl(url)
  const get = parsed.protocol === 'https:' ? httpsGet : httpGet
  return new Promise((resolve, reject) => {
    const request = get(parsed, { headers: { 'user-agent': 'transcriptor', ...headers }, signal })
    request.on('error', (err) =>
      reject(
        signal.aborted
          ? new Error('cancelled')
          : new Error(`cannot reach ${parsed.host}: ${err.message}`)
      )
    )
    request.on('response', (response) => {
      const status = response.statusCode ?? 0
      const location = response.headers.location
      if (status >= 300 && status < 400 && location) {
        response.resume()
        if (redirects >= MAX_REDIRECTS) return reject(new Error(`too many redirects from ${url}`))
        const next = new URL(location, parsed).toString()
        getResponse(next, headers, signal, redirects + 1).then(resolve, reject)
        return
      }
      resolve(response)
    })
  })
}
