// Is this file a whisper.cpp VAD model (Silero in ggml form)? Read the first bytes only, like the
// whisper model check (../whisperWorker/ggmlFile.ts, whose wording it reuses): the ggml magic,
// then the model type as a length-prefixed string ("silero-16k" for v6.2.0). whisper.cpp's
// loader trusts what follows, so anything else is refused before it gets there.
import { basename } from 'node:path'
import { describeBytes, GGML_MAGIC, readFileHead } from '../whisperWorker/ggmlFile'

const HEAD_BYTES = 64

export type VadModelCheck = { ok: true; type: string } | { ok: false; reason: string }

export function checkVadModelHeader(bytes: Buffer): VadModelCheck {
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== GGML_MAGIC)
    return { ok: false, reason: `not a VAD model: ${describeBytes(bytes)}` }
  const length = bytes.readInt32LE(4)
  const type = length > 0 && length <= 48 ? bytes.toString('latin1', 8, 8 + length) : ''
  if (!/^silero/.test(type))
    return { ok: false, reason: 'not a VAD model: a ggml file, but not a Silero VAD' }
  return { ok: true, type }
}

/** The header check of the file at `path`; a refusal names the file (import, job log, worker). */
export function checkVadModelFile(path: string): VadModelCheck {
  const read = readFileHead(path, HEAD_BYTES)
  if (!read.ok) return read
  const check = checkVadModelHeader(read.head)
  return check.ok ? check : { ok: false, reason: `${basename(path)} is ${check.reason}` }
}
