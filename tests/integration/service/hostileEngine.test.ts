// Issue 11 #3: whatever an engine prints, the pipeline's memory stays within ~50 MB of a normal
// run, it takes linear time, and the job's error_message and log stay small and readable.
// The engine is a real subprocess on PATH named pocketsphinx_continuous that misbehaves on
// purpose (tests/fixtures/process/hostileEngine.mjs); the pipeline and the service are real.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobRow } from '@shared/domain'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { rssKb } from '../../support/memory'
import { librivoxClips } from '../../support/speech'
import { testJobOptions } from '../../support/jobOptions'

const ENGINE = resolve(__dirname, '../../fixtures/process/hostileEngine.mjs')
let dir: string
let service: TranscriptionService
const savedPath = process.env.PATH
const ctx = { clientId: 'client-h' }
const options = testJobOptions()

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-hostile-'))
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  const wrapper = join(bin, 'pocketsphinx_continuous')
  writeFileSync(wrapper, `#!/bin/sh\nexec '${process.execPath}' '${ENGINE}' "$@"\n`)
  chmodSync(wrapper, 0o755)
  // The pipeline inherits the host's environment: it finds our engine first.
  process.env.PATH = `${bin}:${savedPath}`
  service = createTranscriptionService({ dataDir: join(dir, 'data') })
})

afterAll(async () => {
  await service.shutdown('test over')
  process.env.PATH = savedPath
  delete process.env.HOSTILE_ENGINE_MODE
  rmSync(dir, { recursive: true, force: true })
})

interface Run {
  row: JobRow
  peakRssMb: number
  seconds: number
  logBytes: number
}

/** One job with the engine in `mode`; samples the pipeline's RSS every 20 ms until it ends. */
/** One job of the hostile engine in `mode`, on clip `clip` (each run its own clip: the same bytes
 * with the same choices would be linked to the earlier transcript, not run). */
async function runWith(mode: string, clip: number): Promise<Run> {
  process.env.HOSTILE_ENGINE_MODE = mode
  const started = Date.now()
  const { created } = await service.handlers['jobs.create'](
    { paths: [librivoxClips()[clip]], options },
    ctx
  )
  const id = created[0].id
  let peakKb = 0
  let done = false
  const sampling = (async () => {
    while (!done) {
      const pid = (await service.handlers['jobs.get']({ id }, ctx))?.process_id
      if (pid) peakKb = Math.max(peakKb, rssKb(pid) ?? 0)
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  const [row] = await service.waitForJobs([id])
  done = true
  await sampling
  return {
    row,
    peakRssMb: peakKb / 1024,
    seconds: (Date.now() - started) / 1000,
    logBytes: row.log_file_path ? statSync(row.log_file_path).size : 0
  }
}

describe('an engine that prints without limit', () => {
  it('keeps the pipeline within ~50 MB of a normal run, in linear time, with a short error', async () => {
    const normal = await runWith('normal', 0)
    expect(normal.row.status).toBe('completed')
    const results: Record<string, Run> = { normal }
    for (const [i, mode] of ['stderr-line', 'stdout-binary', 'crash-big'].entries())
      results[mode] = await runWith(mode, i + 1)
    console.log(
      'pipeline peak RSS (MB) / seconds / log bytes:\n' +
        Object.entries(results)
          .map(
            ([mode, r]) =>
              `  ${mode.padEnd(14)} ${r.peakRssMb.toFixed(1).padStart(7)} MB ${r.seconds.toFixed(1).padStart(6)} s ${String(r.logBytes).padStart(9)} B  ${r.row.status}`
          )
          .join('\n')
    )
    // Every run was measured at least once (a reading that failed would have thrown).
    for (const r of Object.values(results)) expect(r.peakRssMb).toBeGreaterThan(0)
    for (const mode of ['stderr-line', 'stdout-binary', 'crash-big']) {
      const r = results[mode]
      expect(r.peakRssMb, mode).toBeLessThan(normal.peakRssMb + 50)
      expect(r.seconds, mode).toBeLessThan(30)
      expect(r.logBytes, mode).toBeLessThan(256 * 1024)
    }
    expect(results['stderr-line'].row.status).toBe('completed')
    expect(results['stdout-binary'].row.status).toBe('completed')
    const crash = results['crash-big'].row
    expect(crash.status).toBe('failed')
    expect(crash.error_message!.length).toBeLessThanOrEqual(500)
    expect(crash.error_message).toMatch(/pocketsphinx crashed on chunk 1/)
    const log = readFileSync(crash.log_file_path!, 'utf8')
    expect(log).not.toMatch(/malformed pipeline event/)
  })
})
