// How long a WAV file says it is, from its RIFF header (data chunk size / byte rate). ffprobe
// reports what is actually there for a WAV cut short, so a truncated download would look
// complete; the header still holds the length the file had before it was cut.
import { open } from 'node:fs/promises'

const HEADER_BYTES = 4096
/** Streaming writers put 0 or 0xFFFFFFFF in the size fields: no claim at all. */
const UNKNOWN_SIZES = new Set([0, 0xffffffff])

export function wavDeclaredSeconds(head: Buffer): number | null {
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF') return null
  if (head.toString('ascii', 8, 12) !== 'WAVE') return null
  let byteRate = 0
  for (let offset = 12; offset + 8 <= head.length;) {
    const id = head.toString('ascii', offset, offset + 4)
    const size = head.readUInt32LE(offset + 4)
    if (id === 'fmt ' && offset + 16 <= head.length) byteRate = head.readUInt32LE(offset + 16)
    if (id === 'data') return byteRate > 0 && !UNKNOWN_SIZES.has(size) ? size / byteRate : null
    offset += 8 + size + (size % 2)
  }
  return null
}

/** The header's claim for a WAV file; null for anything else or when it claims nothing. */
export async function declaredSeconds(path: string): Promise<number | null> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(HEADER_BYTES)
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0)
    return wavDeclaredSeconds(head.subarray(0, bytesRead))
  } finally {
    await handle.close()
  }
}
