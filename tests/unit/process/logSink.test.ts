import { PassThrough } from 'node:stream'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LogBatch } from '@shared/domain'
import { JobLogSink } from '../../../src/main/core/process/logSink'

describe('JobLogSink', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logsink-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('coalesces many lines into few deliveries and writes them all to the file', async () => {
    const batches: LogBatch[] = []
    const path = join(dir, 'job.log')
    const sink = new JobLogSink({
      jobId: 7,
      path,
      onBatch: (b) => batches.push(b),
      flushIntervalMs: 50
    })
    const out = new PassThrough()
    const err = new PassThrough()
    sink.attach(out, 'stdout')
    sink.attach(err, 'stderr')
    for (let i = 0; i < 1000; i++) out.write(`out ${i}\n`)
    err.write('problem one\nproblem two')
    out.end()
    err.end()
    await sink.drained()
    await sink.close()
    const lines = batches.flatMap((b) => b.lines)
    expect(lines.filter((l) => l.startsWith('out '))).toEqual(
      Array.from({ length: 1000 }, (_, i) => `out ${i}`)
    )
    expect(lines).toContain('problem two')
    expect(batches.length).toBeLessThanOrEqual(2)
    expect(batches.every((b) => b.jobId === 7)).toBe(true)
    expect(sink.lastStderr()).toEqual(['problem one', 'problem two'])
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean).length).toBe(1002)
  })
})
