// Turns a byte stream into lines: partial lines wait for the rest, CRLF and LF both end a line,
// UTF-8 characters split across chunks are reassembled, and a line longer than `maxLineChars`
// (a progress bar redrawn with \r for an hour, a binary dump) is cut into pieces so memory stays
// bounded.
import { StringDecoder } from 'node:string_decoder'

export const DEFAULT_MAX_LINE_CHARS = 64 * 1024

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8')
  private partial = ''

  constructor(private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS) {}

  /** Complete lines in this chunk (without their terminators). */
  push(chunk: Buffer | string): string[] {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk))
    const lines: string[] = []
    let start = 0
    for (;;) {
      const nl = text.indexOf('\n', start)
      if (nl < 0) break
      this.cut(text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl), lines)
      start = nl + 1
    }
    let rest = text.slice(start)
    while (rest.length > this.maxLineChars) {
      lines.push(rest.slice(0, this.maxLineChars))
      rest = rest.slice(this.maxLineChars)
    }
    this.partial = rest
    return lines
  }

  /** The unterminated last line, if any (call at end of stream). */
  flush(): string[] {
    const rest = this.partial + this.decoder.end()
    this.partial = ''
    if (rest === '') return []
    const lines: string[] = []
    this.cut(rest.endsWith('\r') ? rest.slice(0, -1) : rest, lines)
    return lines
  }

  private cut(line: string, into: string[]): void {
    if (line.length <= this.maxLineChars) {
      into.push(line)
      return
    }
    for (let i = 0; i < line.length; i += this.maxLineChars) {
      into.push(line.slice(i, i + this.maxLineChars))
    }
  }
}
