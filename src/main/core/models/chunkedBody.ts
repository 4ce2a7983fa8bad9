// A chunked body (a reply without Content-Length, as some mirrors send) taken apart as it arrives,
// in pieces cut wherever the socket's reads ended: the data comes back as views of the pieces
// given, never copied, so a chunked download is written from the same big read buffers.
import { DownloadError } from './downloadError'

const LF = 10
const MAX_LINE = 4096

type State = 'size' | 'data' | 'crlf' | 'trailer' | 'done'

export class ChunkedBody {
  private state: State = 'size'
  /** The size or trailer line read so far (it may span pieces). */
  private line = ''
  /** Data bytes left in the current chunk, or line-end bytes left after it. */
  private left = 0

  get done(): boolean {
    return this.state === 'done'
  }

  /** The body data in `bytes` (views of it); bytes after the last chunk's trailer are ignored. */
  take(bytes: Buffer): Buffer[] {
    const data: Buffer[] = []
    let i = 0
    while (i < bytes.length && this.state !== 'done') {
      if (this.state === 'data') {
        const n = Math.min(this.left, bytes.length - i)
        data.push(bytes.subarray(i, i + n))
        i += n
        this.left -= n
        if (this.left === 0) [this.state, this.left] = ['crlf', 2]
      } else if (this.state === 'crlf') {
        if (bytes[i++] !== (this.left === 2 ? 13 : LF)) throw malformed()
        if (--this.left === 0) this.state = 'size'
      } else {
        i = this.readLine(bytes, i)
      }
    }
    return data
  }

  /** Reads a size or trailer line from `i` on; where reading stopped. */
  private readLine(bytes: Buffer, i: number): number {
    const lf = bytes.indexOf(LF, i)
    this.line += bytes.toString('latin1', i, lf < 0 ? bytes.length : lf)
    if (this.line.length > MAX_LINE) throw malformed()
    if (lf < 0) return bytes.length
    const line = this.line.replace(/\r$/, '')
    this.line = ''
    if (this.state === 'trailer') {
      if (line === '') this.state = 'done'
      return lf + 1
    }
    const m = /^([0-9a-f]{1,12})[ \t]*(;.*)?$/i.exec(line)
    if (!m) throw malformed()
    this.left = parseInt(m[1], 16)
    this.state = this.left === 0 ? 'trailer' : 'data'
    return lf + 1
  }
}

const malformed = (): DownloadError => new DownloadError('the server sent a malformed chunked body')
