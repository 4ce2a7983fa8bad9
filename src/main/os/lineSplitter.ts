// Turns a byte stream into lines: partial lines wait for the rest, CRLF and LF both end a line,
// UTF-8 characters split across chunks are reassembled, and a line longer than `maxLineChars`
// (a progress bar redrawn with \r for an hour, a binary dump, a 100 MB line without a newline)
// is CAPPED: its first `maxLineChars` characters are kept, the rest is counted, not stored, and
// the line ends with `[… N bytes cut]`. So memory per stream is bounded by the cap, and the
// cost is linear in the bytes read, whatever a program prints.
import { StringDecoder } from 'node:string_decoder'

export const DEFAULT_MAX_LINE_CHARS = 64 * 1024

/** The marker a capped line ends with; group 1 is the number of bytes cut. */
export const CUT_MARKER = /\[… (\d+) bytes cut\]$/

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8')
  private partial = ''
  /** Bytes of the current line dropped past the cap. */
  private cutBytes = 0

  constructor(private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS) {}

  /** Complete lines in this chunk (without their terminators). */
  push(chunk: Buffer | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk)
    const lines: string[] = []
    let start = 0
    for (;;) {
      const nl = text.indexOf('\n', start)
      this.append(text, start, nl < 0 ? text.length : nl)
      if (nl < 0) break
      lines.push(this.take())
      start = nl + 1
    }
    return lines
  }

  /** The unterminated last line, if any (call at end of stream). */
  flush(): string[] {
    const rest = this.decoder.end()
    this.append(rest, 0, rest.length)
    if (this.partial === '' && this.cutBytes === 0) return []
    return [this.take()]
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return
    const room = this.maxLineChars - this.partial.length
    if (this.cutBytes === 0 && to - from <= room) {
      this.partial += text.slice(from, to)
      return
    }
    const keep = Math.max(0, Math.min(room, to - from))
    if (keep > 0) this.partial += text.slice(from, from + keep)
    this.cutBytes += Buffer.byteLength(text.slice(from + keep, to))
  }

  private take(): string {
    let line = this.partial
    if (line.endsWith('\r') && this.cutBytes === 0) line = line.slice(0, -1)
    if (this.cutBytes > 0) line = `${line}[… ${this.cutBytes} bytes cut]`
    this.partial = ''
    this.cutBytes = 0
    return line
  }
}
