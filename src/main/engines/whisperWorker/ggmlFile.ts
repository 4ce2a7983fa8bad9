// Is this file a whisper.cpp ggml model? Read the first bytes only. whisper.cpp's loader checks
// the magic and then trusts the rest, so a file that is not ggml must be refused before it gets
// there, with what it looks like named when we know (a GGUF, a zip, an HTML page) so the user
// knows what they picked. Its bytes are never echoed: any readable file (a password file, a key)
// can be named here, and an error message is shown, logged and sent to every client.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'
import { fileKind } from '../../os/regularFile'

export const GGML_MAGIC = 0x67676d6c
/** Magic, 11 int32 hyper-parameters, mel filter sizes. */
export const GGML_HEADER_BYTES = 4 + 11 * 4 + 8

export type GgmlCheck = { ok: true; multilingual: boolean } | { ok: false; reason: string }

export function describeBytes(bytes: Buffer): string {
  if (bytes.length === 0) return 'an empty file'
  const text = bytes.toString('latin1')
  const known: [RegExp, string][] = [
    [/^GGUF/, 'a GGUF file (llama.cpp), not a whisper ggml model'],
    // eslint-disable-next-line no-control-regex
    [/^PK\x03\x04/, 'a zip archive'],
    [/^<!DOCTYPE|^<html/i, 'an HTML page (a download error page?)'],
    [/^\{/, 'a JSON document'],
    [/^RIFF/, 'a WAV/RIFF file'],
    [/^\x89PNG/, 'a PNG image']
  ]
  return known.find(([re]) => re.test(text))?.[1] ?? 'it does not start with the ggml magic'
}

/** The check on the first GGML_HEADER_BYTES (or fewer) of a file of `size` bytes. */
export function checkGgmlHeader(bytes: Buffer, size: number): GgmlCheck {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== GGML_MAGIC)
    return { ok: false, reason: `not a whisper ggml model: ${describeBytes(bytes)}` }
  if (bytes.length < GGML_HEADER_BYTES || size < GGML_HEADER_BYTES + 80 * 201 * 4)
    return { ok: false, reason: `truncated whisper model: only ${size} bytes` }
  const nVocab = bytes.readInt32LE(4)
  const nMels = bytes.readInt32LE(40)
  if (nVocab < 1000 || nVocab > 1_000_000 || (nMels !== 80 && nMels !== 128))
    return { ok: false, reason: 'damaged whisper model: its hyper-parameters make no sense' }
  return { ok: true, multilingual: nVocab >= 51865 }
}

/**
 * The first `bytes` of a regular file and its size, or one line saying why it cannot be read
 * (opened only once it is known to be a regular file: a pipe would block the open itself).
 */
export function readFileHead(
  path: string,
  bytes: number
): { ok: true; head: Buffer; size: number } | { ok: false; reason: string } {
  let fd: number
  try {
    const named = statSync(path)
    if (!named.isFile()) return { ok: false, reason: `${path} is ${fileKind(named)}, not a file` }
    fd = openSync(path, 'r')
  } catch (err) {
    return { ok: false, reason: `cannot read ${path}: ${(err as NodeJS.ErrnoException).code}` }
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) return { ok: false, reason: `${path} is ${fileKind(stats)}, not a file` }
    const head = Buffer.alloc(bytes)
    const n = readSync(fd, head, 0, bytes, 0)
    return { ok: true, head: head.subarray(0, n), size: stats.size }
  } finally {
    closeSync(fd)
  }
}

export function checkGgmlFile(path: string): GgmlCheck {
  const read = readFileHead(path, GGML_HEADER_BYTES)
  return read.ok ? checkGgmlHeader(read.head, read.size) : read
}
