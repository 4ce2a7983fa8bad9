// The samples of a 16-bit PCM WAV (what the pipeline cuts chunks into), as the ArrayBuffer the
// binding's transcribeData takes. Reading it ourselves keeps miniaudio's per-file chatter out of
// the job log and lets a bad chunk fail with our words.
import { readFileSync } from 'node:fs'

export function readWavPcm(path: string): ArrayBuffer {
  const file = readFileSync(path)
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${path} is not a WAV file`)
  let offset = 12
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4)
    const size = file.readUInt32LE(offset + 4)
    if (id === 'data') {
      const end = Math.min(file.length, offset + 8 + size)
      const data = file.subarray(offset + 8, end - ((end - offset - 8) % 2))
      return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer
    }
    offset += 8 + size + (size % 2)
  }
  throw new Error(`${path} has no data chunk`)
}
