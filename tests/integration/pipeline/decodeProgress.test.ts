// A long decode says how far it got while it runs (a 3-hour file takes seconds before the first
// chunk can start). Real ffmpeg on a 40-minute FLAC made at test time; the reports come from the
// size of what ffmpeg has written, so they grow, stay within the file, and stop with the decode.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeToPcm } from '../../../src/main/media/decode'

const dir = mkdtempSync(join(tmpdir(), 'transcriptor-decode-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const SECONDS = 2400

describe('decodeToPcm progress', () => {
  it('reports the seconds decoded so far while ffmpeg runs, and none after', async () => {
    const input = join(dir, 'tone.flac')
    execFileSync('ffmpeg', [
      '-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${SECONDS}`,
      '-ac', '2', input
    ]) // prettier-ignore
    const reports: number[] = []
    const decoded = await decodeToPcm('ffmpeg', input, dir, new AbortController().signal, {
      onProgress: (seconds) => reports.push(seconds),
      progressEveryMs: 20
    })
    const afterReturn = reports.length
    await new Promise((r) => setTimeout(r, 100))
    expect(decoded.durationSeconds).toBeCloseTo(SECONDS, 1)
    expect(reports.length).toBeGreaterThan(0)
    expect(reports.length).toBe(afterReturn)
    expect(reports).toEqual([...reports].sort((a, b) => a - b))
    expect(Math.max(...reports)).toBeLessThanOrEqual(decoded.durationSeconds)
  })
})
