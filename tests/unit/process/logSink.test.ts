import { PassThrough } from 'node:stream'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
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

  // drained() answers when the streams end, not on a clock: with the clock frozen it still
  // resolves as soon as the last stream ends, and only a stream that never ends waits for the
  // timeout.
  it('drained() resolves on the last end event, and on the timeout only for a stream left open', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const sink = new JobLogSink({ jobId: 1, path: join(dir, 'a.log'), onBatch: () => {} })
      const out = new PassThrough()
      const err = new PassThrough()
      sink.attach(out, 'stdout')
      sink.attach(err, 'stderr')
      let done = false
      const drained = sink.drained().then(() => (done = true))
      out.end('last line\n')
      await new Promise((r) => out.once('close', r))
      expect(done).toBe(false)
      err.end()
      await drained
      expect(done).toBe(true)

      const stuck = new JobLogSink({ jobId: 2, path: join(dir, 'b.log'), onBatch: () => {} })
      stuck.attach(new PassThrough(), 'stdout')
      let timedOut = false
      const waiting = stuck.drained(2000).then(() => (timedOut = true))
      await vi.advanceTimersByTimeAsync(1999)
      expect(timedOut).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      await waiting
      await Promise.all([sink.close(), stuck.close()])
    } finally {
      vi.useRealTimers()
    }
  })
})
