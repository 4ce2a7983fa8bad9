// `transcriptor-media://job/<id>`: the job's original recording for the job page's player, with
// Range support so seeking works. Only a path the database recorded as a job's input is read, while
// it is still what was transcribed (core/hosting/jobMedia), and only for our own app page: remote
// pages never load in this session (security.ts), and a request that names a referring page must
// name ours.
import { Readable } from 'node:stream'
import { protocol } from 'electron'
import type { HostedService } from '../core/hosting/hostedService'
import { parseRange } from '../core/hosting/byteRange'
import { mediaType } from '../core/hosting/mediaTypes'
import { openJobMedia } from '../core/hosting/jobMedia'
import { jobIdOfMediaSchemeUrl, MEDIA_SCHEME } from '@shared/ipc/routes'

/** Must run before app 'ready': the scheme streams and supports Range like http. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true } }
  ])
}

export function handleMediaProtocol(
  service: HostedService,
  isAppPage: (url: string) => boolean
): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const id = jobIdOfMediaSchemeUrl(request.url)
    if (id === null) return new Response('not found', { status: 404 })
    // Electron may leave the referrer empty; when there is one, it must be our page.
    if (request.referrer && !isAppPage(request.referrer))
      return new Response('refused', { status: 403 })
    const job = await service.handlers['jobs.get']({ id }, { clientId: 'media' })
    if (!job) return new Response('gone', { status: 404 })
    const media = await openJobMedia(job)
    if (!media.ok) return new Response(media.reason, { status: media.status })
    const { handle, size } = media
    const range = parseRange(request.headers.get('range'), size)
    const headers: Record<string, string> = {
      'Content-Type': mediaType(job.original_path),
      'Accept-Ranges': 'bytes'
    }
    if (range.kind === 'unsatisfiable') {
      await handle.close()
      return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } })
    }
    const start = range.kind === 'partial' ? range.start : 0
    const end = range.kind === 'partial' ? range.end : size - 1
    headers['Content-Length'] = String(end - start + 1)
    if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`
    const body = Readable.toWeb(handle.createReadStream({ start, end }))
    return new Response(body as ReadableStream, {
      status: range.kind === 'partial' ? 206 : 200,
      headers
    })
  })
}
