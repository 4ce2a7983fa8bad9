// Issue 11 #6: a file whose decoded audio would not fit in the work folder is refused before
// decoding, in one line, with nothing written. The input is a sparse file with a WAV header, sized
// past the free space of the disk under the test's temp dir (sparse: it costs no disk itself).
import { closeSync, existsSync, openSync, statfsSync, truncateSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSpec, removeDir, runPipelineProcess, tempDir } from './harness'

let dir: string
beforeAll(() => {
  dir = tempDir('transcriptor-workspace-')
})
afterAll(() => removeDir(dir))

/** 16 kHz mono s16 WAV header whose data runs to the end of the file ("streaming" size). */
function sparseWav(path: string, bytes: number): void {
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(0xffffffff, 4)
  header.write('WAVEfmt ', 8)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(16000, 24)
  header.writeUInt32LE(32000, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36)
  header.writeUInt32LE(0xffffffff, 40)
  const fd = openSync(path, 'w')
  writeSync(fd, header)
  closeSync(fd)
  truncateSync(path, bytes)
}

describe('free space of the work folder', () => {
  it('refuses audio whose decoded size exceeds the free space, in one line, writing nothing', async () => {
    const s = statfsSync(dir)
    const free = s.bavail * s.bsize
    const input = join(dir, 'huge.wav')
    sparseWav(input, free + 2 * 1024 ** 3)
    const spec = makeSpec(dir, input)
    const started = Date.now()
    const run = await runPipelineProcess(spec)
    expect(run.code).not.toBe(0)
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      /^not enough free disk space to decode [\d,]+ s of audio: [\d.]+ [KMGT]iB needed in the work folder, [\d.]+ [KMGT]iB free on \//
    )
    expect(run.errors[0]).not.toContain('\n')
    expect(existsSync(spec.tempDir)).toBe(false)
    expect(existsSync(spec.outputDir)).toBe(false)
  })
})
