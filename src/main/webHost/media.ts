// GET /media/<jobId>: the job's original file, so the job page can play what was transcribed.
// Same token check as every other route (done by the server before this runs); only a path the
// database recorded as a job's input is ever read, never a path from the request.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { parseRange } from '../core/hosting/byteRange'
import { mediaType } from '../core/hosting/mediaTypes'

export async function sendMedia(
  res: ServerResponse,
  path: string,
  rangeHeader: string | undefined,
  headers: Record<string, string>,
  headOnly: boolean
): Promise<void> {
  const info = await stat(path)
  const size = info.size
  const range = parseRange(rangeHeader, size)
  const common = { ...headers, 'Content-Type': mediaType(path), 'Accept-Ranges': 'bytes' }
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
    const stream = createReadStream(path, { start, end })
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
