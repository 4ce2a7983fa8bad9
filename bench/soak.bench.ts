// Issue 11, proof: 200 short jobs through the TranscriptionService, 3 at once. Nothing may pile
// up: after job 200 the main heap and open fds must be within 5 MB / 5 of after job 20 (the
// baseline, same run), and no job process, temp folder or work folder may be left.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createTranscriptionService } from '../src/main/core/service/transcriptionService'
import { librivoxClips } from '../tests/support/speech'
import type { BenchResult } from './types'

const JOBS = Number(process.env.SOAK_JOBS ?? 200)
const BASELINE_AT = 20

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function settledHeapMb(): number {
  for (let i = 0; i < 3; i++) gc()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

const openFds = (): number => readdirSync('/proc/self/fd').length

function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(text)
      } catch {
        return false
      }
    })
    .map(Number)
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-soak-'))
  const dataDir = join(dir, 'data')
  const service = createTranscriptionService({ dataDir })
  const ctx = { clientId: 'soak' }
  const settings = await service.handlers['settings.get']({}, ctx)
  await service.handlers['settings.set']({ settings: { ...settings, concurrentJobs: 3 } }, ctx)
  const clip = librivoxClips()[1]
  const options = {
    engine: 'pocketsphinx' as const,
    model: '',
    processes: 1,
    workers: 1,
    chunkSeconds: 30,
    overlapSeconds: 2,
    formats: ['txt' as const],
    outputDir: join(dir, 'out')
  }
  let baseline = { heap: 0, fds: 0 }
  let failed = 0
  const started = Date.now()
  for (let done = 0; done < JOBS; done += BASELINE_AT) {
    const { created } = await service.handlers['jobs.create'](
      { paths: Array.from({ length: BASELINE_AT }, () => clip), options },
      ctx
    )
    const rows = await service.waitForJobs(created.map((j) => j.id))
    failed += rows.filter((r) => r.status !== 'completed').length
    if (done + BASELINE_AT === BASELINE_AT) baseline = { heap: settledHeapMb(), fds: openFds() }
  }
  const seconds = (Date.now() - started) / 1000
  const after = { heap: settledHeapMb(), fds: openFds() }
  const leftProcesses = processesMentioning(dataDir).length
  const leftTemp = (() => {
    try {
      return readdirSync(join(dataDir, 'tmp')).length
    } catch {
      return 0
    }
  })()
  await service.shutdown('soak over')
  rmSync(dir, { recursive: true, force: true })
  const r1 = (n: number): number => Math.round(n * 10) / 10
  return [
    {
      name: `main heap after job ${JOBS} (3 at once)`,
      value: r1(after.heap),
      unit: 'MB',
      baseline: r1(baseline.heap),
      target: `within 5 MB of after job ${BASELINE_AT}`,
      pass: after.heap - baseline.heap <= 5,
      notes: `${JOBS} jobs in ${r1(seconds)} s, ${failed} not completed`
    },
    {
      name: `open fds after job ${JOBS}`,
      value: after.fds,
      unit: '',
      baseline: baseline.fds,
      target: `within 5 of after job ${BASELINE_AT}`,
      pass: after.fds - baseline.fds <= 5
    },
    {
      name: 'job processes / work folders left',
      value: leftProcesses + leftTemp,
      unit: '',
      target: '0',
      pass: leftProcesses + leftTemp === 0 && failed === 0,
      notes: `${leftProcesses} process(es), ${leftTemp} work folder(s)`
    }
  ]
}
