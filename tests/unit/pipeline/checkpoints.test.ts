import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  chunkShapeOf,
  fingerprintInput,
  loadChunkWords,
  loadPlan,
  resumeRefusal,
  saveChunkWords,
  savePlan,
  toStoredChunk
} from '../../../src/main/pipeline/checkpoints'
import { planSilenceCuts } from '../../../src/main/pipeline/silenceCuts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-checkpoints-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const shape = chunkShapeOf({
  chunkSeconds: 10,
  overlapSeconds: 1,
  engine: 'pocketsphinx',
  model: ''
})

describe('checkpoints', () => {
  it('stores the plan (open ends included) and the finished chunks, and reads them back', async () => {
    const input = join(dir, 'in.wav')
    writeFileSync(input, Buffer.alloc(5000, 7))
    const { chunks } = planSilenceCuts(25, [{ start: 9, end: 9.5 }], {
      chunkSeconds: 10,
      overlapSeconds: 1
    })
    const work = join(dir, 'work')
    await savePlan(work, {
      version: 1,
      input: await fingerprintInput(input),
      shape,
      durationSeconds: 25,
      silentSeams: 1,
      overlapSeams: 1,
      chunks: chunks.map((c) => toStoredChunk(c, false))
    })
    // A word keeps the speaker an endpoint named (a resume of such a job keeps its speakers).
    const heard = [
      { word: 'hello', start: 0.5, end: 0.9, probability: 0.4 },
      { word: 'there', start: 1, end: 1.2, speaker: 'S2' }
    ]
    await saveChunkWords(work, 1, heard)
    writeFileSync(join(work, 'chunk-00002.json'), '{"index": 2, "words": [') // torn by a crash
    const plan = await loadPlan(work)
    expect(plan?.chunks.map(({ silent: _s, ...c }) => c)).toEqual(chunks)
    expect(plan?.chunks[0].ownStart).toBe(-Infinity)
    expect(plan?.chunks.at(-1)?.ownEnd).toBe(Infinity)
    const finished = await loadChunkWords(work, chunks.length)
    expect([...finished.keys()]).toEqual([1])
    expect(finished.get(1)).toEqual(heard)
    expect(readdirSync(work).some((f) => f.includes('.tmp-'))).toBe(false)
  })

  it('refuses a changed input or different chunk options, with the reason', async () => {
    const input = join(dir, 'in.wav')
    writeFileSync(input, Buffer.alloc(5000, 7))
    const before = await fingerprintInput(input)
    const plan = { input: before, shape }
    expect(resumeRefusal(plan, before, shape)).toBeNull()
    expect(resumeRefusal(plan, before, { ...shape, chunkSeconds: 30 })).toMatch(
      /chunkSeconds option differs .*10 → 30/
    )
    writeFileSync(input, Buffer.alloc(5000, 8))
    const when = new Date(before.mtimeMs)
    utimesSync(input, when, when)
    expect(resumeRefusal(plan, await fingerprintInput(input), shape)).toMatch(/first MB differs/)
    writeFileSync(input, Buffer.alloc(6000, 7))
    expect(resumeRefusal(plan, await fingerprintInput(input), shape)).toMatch(
      /input file changed .*size 5000 → 6000/
    )
  })
  it('an input replaced by a named pipe is refused at once, not read (Resume in the host)', async () => {
    const input = join(dir, 'in.wav')
    execFileSync('mkfifo', [input])
    await expect(fingerprintInput(input)).rejects.toThrow(
      `${input} is a named pipe (FIFO), not a file`
    )
  }, 5_000)
})
