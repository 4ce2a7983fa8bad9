// The last N lines of a log without reading the whole file: read 64 KiB blocks backwards from
// the end until N line breaks are found, then decode once from a line boundary (a newline byte
// never occurs inside a UTF-8 sequence, so a character split across blocks decodes correctly).
import { open } from 'node:fs/promises'

const BLOCK = 64 * 1024
const NEWLINE = 0x0a

/** Last `n` lines of the file (oldest first); [] when the file does not exist. */
export async function readLastLines(path: string, n: number): Promise<string[]> {
  if (n <= 0) return []
  let handle
  try {
    handle = await open(path, 'r')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  try {
    const { size } = await handle.stat()
    if (size === 0) return []
    const blocks: Buffer[] = []
    let position = size
    let newlines = 0
    let skipFinalNewline = true
    let startInFirstBlock = -1
    while (position > 0 && startInFirstBlock < 0) {
      const length = Math.min(BLOCK, position)
      position -= length
      const block = Buffer.allocUnsafe(length)
      const { bytesRead } = await handle.read(block, 0, length, position)
      const data = bytesRead === length ? block : block.subarray(0, bytesRead)
      blocks.unshift(data)
      for (let i = data.length - 1; i >= 0; i--) {
        if (data[i] !== NEWLINE) {
          skipFinalNewline = false
          continue
        }
        if (skipFinalNewline) {
          // The file's own trailing newline ends the last line; it does not start a new one.
          skipFinalNewline = false
          continue
        }
        newlines++
        if (newlines === n) {
          startInFirstBlock = i + 1
          break
        }
      }
    }
    const joined = Buffer.concat(blocks)
    const from = startInFirstBlock < 0 ? 0 : startInFirstBlock
    let text = joined.toString('utf8', from)
    if (text.endsWith('\n')) text = text.slice(0, -1)
    return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
  } finally {
    await handle.close()
  }
}

/** Like readLastLines, reaching into `<path>.1` (the rotated older half) when `path` is short. */
export async function readLogTail(path: string, n: number): Promise<string[]> {
  const tail = await readLastLines(path, n)
  if (tail.length >= n) return tail
  const older = await readLastLines(`${path}.1`, n - tail.length)
  return [...older, ...tail]
}
