// Is this file a whisper.cpp ggml model? Read the first bytes only. whisper.cpp's loader checks
// the magic and then trusts the rest, so a file that is not ggml must be refused before it gets
// there, with its first bytes described so the user knows what they picked.
import { closeSync, openSync, readSync, statSync } from 'node:fs'

export const GGML_MAGIC = 0x67676d6c
/** Magic, 11 int32 hyper-parameters, mel filter sizes. */
const HEADER_BYTES = 4 + 11 * 4 + 8

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
  const kind = known.find(([re]) => re.test(text))?.[1]
  const hex = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ')
  const printable = text.slice(0, 8).replace(/[^\x20-\x7e]/g, '.')
  return `${kind ? kind + '; ' : ''}it starts with ${hex} ("${printable}")`
}

export function checkGgmlFile(path: string): GgmlCheck {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (err) {
    return { ok: false, reason: `cannot read ${path}: ${(err as NodeJS.ErrnoException).code}` }
  }
  try {
    const header = Buffer.alloc(HEADER_BYTES)
    const n = readSync(fd, header, 0, HEADER_BYTES, 0)
    const bytes = header.subarray(0, n)
    if (n < 4 || bytes.readUInt32LE(0) !== GGML_MAGIC)
      return { ok: false, reason: `not a whisper ggml model: ${describeBytes(bytes)}` }
    if (n < HEADER_BYTES || statSync(path).size < HEADER_BYTES + 80 * 201 * 4)
      return { ok: false, reason: `truncated whisper model: only ${statSync(path).size} bytes` }
    const nVocab = bytes.readInt32LE(4)
    const nMels = bytes.readInt32LE(40)
    if (nVocab < 1000 || nVocab > 1_000_000 || (nMels !== 80 && nMels !== 128))
      return { ok: false, reason: 'damaged whisper model: its hyper-parameters make no sense' }
    return { ok: true, multilingual: nVocab >= 51865 }
  } finally {
    closeSync(fd)
  }
}
