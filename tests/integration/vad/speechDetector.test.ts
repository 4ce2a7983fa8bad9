// The speech detectors as the pipeline and live recording use them: Silero (the real v6.2.0
// model, in a worker process) finds the two JFK sentences between silences; a missing or broken
// model costs one log line and the energy detector answers instead; a worker killed mid-request
// fails that request (the caller's fallback), never the process that asked.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSpeechDetector } from '../../../src/main/pipeline/openSpeechDetector'
import { resolveVadModel } from '../../../src/main/pipeline/vadModelPath'
import type { SpeechStretch } from '../../../src/main/pipeline/speechDetector'
import { secondsWithin } from '../../../src/main/pipeline/speechStretches'
import { SileroDetector } from '../../../src/main/pipeline/sileroDetector'
import { readProcEntry } from '../../../src/main/os/processTable'
import { removeDir, tempDir } from '../pipeline/harness'
import { waitFor } from '../../support/waitFor'

const MODEL = resolve(__dirname, '../../../../shared/data/models/ggml-silero-v6.2.0.bin')
const JFK = resolve(__dirname, '../../../../shared/data/speech/jfk.wav')
const RATE = 16_000

/** 3 s of silence, JFK, 3 s of silence, JFK: speech at ~3.3–13.6 s and ~17.3–27.6 s. */
function silenceAndJfk(): Float32Array {
  const wav = readFileSync(JFK)
  const speech = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length))
  const gap = 3 * RATE
  const out = new Float32Array(gap * 3 + speech.length * 2)
  const put = (at: number): void => speech.forEach((s, i) => (out[at + i] = s / 32768))
  put(gap)
  put(gap * 2 + speech.length)
  return out
}

const covers = (stretches: SpeechStretch[], from: number, to: number): boolean =>
  stretches.some((s) => s.start <= from && s.end >= to)
const touches = (stretches: SpeechStretch[], from: number, to: number): boolean =>
  stretches.some((s) => s.end > from && s.start < to)

let dir: string
beforeAll(() => {
  dir = tempDir('transcriptor-vad-')
})
afterAll(() => removeDir(dir))

describe('speech detectors', () => {
  it('Silero finds the speech and none of the silence, in a worker process that ends on close', async () => {
    const lines: string[] = []
    const detector = await openSpeechDetector('silero', resolveVadModel(MODEL), {
      log: (l) => lines.push(l)
    })
    expect(detector.name).toBe('silero')
    const pid = (detector as SileroDetector).pid
    expect(pid).toBeGreaterThan(0)
    expect(pid).not.toBe(process.pid)
    const stretches = await detector.detect(silenceAndJfk())
    // JFK speaks ~8.5 of his 11 s (the rest are pauses between phrases).
    expect(secondsWithin(stretches, 3, 14)).toBeGreaterThan(7.5)
    expect(secondsWithin(stretches, 17, 28)).toBeGreaterThan(7.5)
    expect(touches(stretches, 0, 3)).toBe(false)
    expect(touches(stretches, 14.5, 16.5)).toBe(false)
    await detector.close()
    expect(readProcEntry(pid!)).toBeNull()
  })

  it('a missing model: one line, and the energy detector answers', async () => {
    const lines: string[] = []
    const model = resolveVadModel('silero-v6.2.0', dir)
    const detector = await openSpeechDetector('silero', model, { log: (l) => lines.push(l) })
    expect(detector.name).toBe('energy')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/not installed.*models pull silero-v6\.2\.0.*energy detector/)
    const stretches = await detector.detect(silenceAndJfk())
    expect(covers(stretches, 4, 6)).toBe(true)
    expect(touches(stretches, 0.5, 2.5)).toBe(false)
  })

  it('a broken model (not ggml, or ggml cut short): one line each, energy answers', async () => {
    const text = join(dir, 'ggml-notes.bin')
    writeFileSync(text, 'these are my notes, not a model\n')
    const cut = join(dir, 'ggml-cut.bin')
    writeFileSync(cut, readFileSync(MODEL).subarray(0, 4096))
    for (const path of [text, cut]) {
      const lines: string[] = []
      const detector = await openSpeechDetector('silero', resolveVadModel(path), {
        log: (l) => lines.push(l)
      })
      expect(detector.name).toBe('energy')
      expect(lines.filter((l) => l.startsWith('vad:'))).toHaveLength(1)
      expect(lines.join('\n')).toMatch(/energy detector/)
    }
  })

  it('a worker killed mid-request fails that request, not the caller', async () => {
    const detector = await SileroDetector.open({ modelPath: MODEL, threads: 1, log: () => {} })
    const long = new Float32Array(RATE * 120).map((_, i) => Math.sin(i / 7) * 0.3)
    const pending = detector.detect(long)
    process.kill(detector.pid!, 'SIGKILL')
    await expect(pending).rejects.toThrow(/VAD worker was killed by SIGKILL/)
    await waitFor(() => readProcEntry(detector.pid!) === null, 'the killed VAD worker to be gone')
    await detector.close()
  })
})
