// rewriteOutputs: a file is rewritten only while it holds what the previous version renders to.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Transcript } from '@shared/transcript'
import { writeOutputs } from '../../../src/main/pipeline/writeOutputs'
import { rewriteOutputs } from '../../../src/main/core/transcripts/rewriteOutputs'
import { makeTempDir, removeDir } from '../../support/db'

const transcript = (text: string, labels: Partial<Transcript> = {}): Transcript => ({
  durationSeconds: 2,
  segments: [{ start: 0, end: 2, text, words: [{ word: text, start: 0, end: 2 }] }],
  ...labels
})
const nobodyElse = (): boolean => false

let dir: string
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(() => removeDir(dir))

describe('rewriteOutputs', () => {
  test('every file still as the engine wrote it is rewritten; no temp file is left', async () => {
    const engine = transcript('engine words', { language: 'en', task: 'transcribe' })
    const files = await writeOutputs(engine, ['txt', 'srt', 'vtt', 'json'], dir, 'talk')
    const edited = transcript('edited words', { language: 'en', task: 'transcribe' })
    const result = rewriteOutputs(files, engine, edited, nobodyElse)
    expect(result.left).toEqual([])
    expect(result.updated).toHaveLength(4)
    expect(readFileSync(files.txt!, 'utf8')).toBe('edited words\n')
    expect(readdirSync(dir).sort()).toEqual(['talk.json', 'talk.srt', 'talk.txt', 'talk.vtt'])
    // Saving the same version again changes nothing.
    expect(rewriteOutputs(files, edited, edited, nobodyElse)).toEqual({ updated: [], left: [] })
  })

  test('names as long as a file system takes: written, numbered and rewritten, none too long', async () => {
    const base = `${'é'.repeat(100)}${'x'.repeat(100)}` // 300 bytes: more than a name may hold
    const engine = transcript('engine words')
    const formats = ['txt', 'srt', 'vtt', 'json'] as const
    const first = await writeOutputs(engine, [...formats], dir, base)
    const second = await writeOutputs(engine, [...formats], dir, base)
    const names = readdirSync(dir)
    expect(names).toHaveLength(8)
    for (const name of names) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255)
    expect(new Set([...Object.values(first), ...Object.values(second)]).size).toBe(8)
    expect(first.txt!.endsWith('.txt') && second.txt!.endsWith(' (2).txt')).toBe(true)
    expect(first.txt).toContain('é'.repeat(100))
    const result = rewriteOutputs(second, engine, transcript('edited words'), nobodyElse)
    expect(result).toEqual({ updated: expect.arrayContaining(Object.values(second)), left: [] })
    expect(readdirSync(dir)).toHaveLength(8)
  })

  test('an original stored without language and task still matches its json, which keeps them', async () => {
    const engine = transcript('engine words', { language: 'auto', task: 'translate' })
    const files = await writeOutputs(engine, ['json'], dir, 'talk')
    const storedBefore = transcript('engine words') // as a job finished before they were kept
    const result = rewriteOutputs(files, storedBefore, transcript('edited'), nobodyElse)
    expect(result).toEqual({ updated: [files.json], left: [] })
    const json = JSON.parse(readFileSync(files.json!, 'utf8')) as Transcript
    expect(json).toMatchObject({ language: 'auto', task: 'translate' })
    expect(json.segments[0].text).toBe('edited')
  })

  test('changed outside, gone, unreadable or another job’s: left, and said where it matters', async () => {
    const engine = transcript('engine words')
    const files = await writeOutputs(engine, ['txt', 'srt', 'vtt', 'json'], dir, 'talk')
    writeFileSync(files.txt!, 'my own words\n')
    rmSync(files.srt!)
    rmSync(files.vtt!)
    mkdirSync(files.vtt!) // a folder where the file was: it cannot be read as one
    const result = rewriteOutputs(files, engine, transcript('edited'), (p) => p === files.json)
    expect(result.updated).toEqual([])
    expect(result.left).toEqual([
      { path: files.txt, why: 'changed outside Transcriptor' },
      { path: files.vtt, why: expect.stringMatching(/^could not be read \(.*EISDIR/) }
    ])
    expect(readFileSync(files.txt!, 'utf8')).toBe('my own words\n')
    expect(existsSync(files.srt!)).toBe(false)
    expect(readFileSync(files.json!, 'utf8')).toContain('engine words')
  })
})
