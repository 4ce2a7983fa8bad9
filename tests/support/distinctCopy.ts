// Copies of one recording with distinct content: one sample past the WAV header changed, which no
// one hears but which changes the content hash. Two jobs on the same bytes are twins (the second
// waits for the first and reuses its transcript: src/main/core/service/sameContent.ts), so a test
// that needs two pipelines running side by side gives each its own copy.
import { readFileSync, writeFileSync } from 'node:fs'

/** `bytes` (a WAV file's) with sample 100 set to `n`: distinct content for each `n` ≥ 1. */
export function withOneSampleChanged(bytes: Buffer, n: number): Buffer {
  const copy = Buffer.from(bytes)
  copy.writeUInt16LE(n, 200)
  return copy
}

/** Writes `source`'s bytes with one sample changed (`n`) to `dest`; returns `dest`. */
export function distinctCopy(source: string, dest: string, n: number): string {
  writeFileSync(dest, withOneSampleChanged(readFileSync(source), n))
  return dest
}
