// GET /media/<jobId>: the job's original file, so the job page can play what was transcribed.
// Same token check as every other route (done by the server before this runs); only a path the
// database recorded as a job's input is ever read, never a path from the request, and only while
// it is still what was transcribed (core/hosting/jobMedia).
import type { ServerResponse } from 'node:http'
import type { JobRow } from '@shared/domain'
import { parseRange } from '../core/hosting/byteRange'
import { mediaType } from '../core/hosting/mediaTypes'
import { openJobMedia } from '../core/hosting/jobMedia'

/** Answers with the job's input (or a refusal: 404 gone, 403 replaced by a link). */
export async function sendMedia(
  res: ServerResponse,
  job: JobRow,
  rangeHeader: string | undefined,
  headers: Record<string, string>,
  headOnly: boolean
): Promise<void> {
  const media = await openJobMedia(job)
  if (!media.ok) {
    res.writeHead(media.status, {
      ...headers,
      'Cache-Control': 'no-store',
      'Content-Type': 'text/plain; charset=utf-8'
    })
    res.end(media.reason + '\n')
    return
  }
  const { handle, size } = media
  const range = parseRange(rangeHeader, size)
  const common = {
    ...headers,
    'Content-Type': mediaType(job.original_path),
    'Accept-Ranges': 'bytes'
  }
  if (range.kind === 'unsatisfiable' || headOnly || size === 0) await handle.close()
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'Content-Range': `bytes */${size}` })
    res.end()
    return
  }
  const start = range.kind === 'partial' ? range.start : 0
  const end = range.kind === 'partial' ? range.end : size - 1
  res.writeHead(range.kind === 'partial' ? 206 : 200, {
    ...common,
    'Content-Length': String(Math.max(0, end - start + 1)),
    ...(range.kind === 'partial' && { 'Content-Range': `bytes ${start}-${end}/${size}` })
  })
  if (headOnly || size === 0) {
    res.end()
    return
  }
  await new Promise<void>((done) => {
    const stream = handle.createReadStream({ start, end })
    stream.on('error', () => {
      res.destroy()
      done()
    })
    res.on('close', () => {
      stream.destroy()
      done()
    })
    stream.on('end', done)
    stream.pipe(res)
  })
}
