// Issue 11 (proof) and issue 13 item 5: many short jobs through the TranscriptionService, 3 at
// once. Nothing may pile up. The main heap (after a full GC) and the open fds are recorded after
// jobs 10, 20, 100 and 200, and compared in the same run:
//   - after job 200 vs after job 20 (issue 11): within 5 MB / 5 fds;
//   - after job 100 vs after job 10 (issue 13): within 5 MB / 5 fds;
// and no job process, scratch folder, work folder or outcome slot may be left at the end.
// Each job is a 2-second speech clip, so 200 jobs take a few minutes on a quiet machine.
// SOAK_JOBS=N runs fewer (a smoke run: then the last checkpoint is compared with job 10).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createTranscriptionService } from '../src/main/core/service/transcriptionService'
import { librivoxClips } from '../tests/support/speech'
import { distinctCopy } from '../tests/support/distinctCopy'
import type { BenchResult } from './types'

const JOBS = Number(process.env.SOAK_JOBS ?? 200)
const BATCH = 10
const CLIP_SECONDS = 2
/** [baseline job, compared job, which issue asks for it]. */
const COMPARISONS: [number, number, string][] = [
  [20, 200, 'issue 11'],
  [10, 100, 'issue 13']
]

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

interface Checkpoint {
  heapMb: number
  fds: number
}

function checkpoint(): Checkpoint {
  for (let i = 0; i < 3; i++) gc()
  return {
    heapMb: process.memoryUsage().heapUsed / 1024 / 1024,
    fds: readdirSync('/proc/self/fd').length
  }
}

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

function entries(dir: string): number {
  try {
    return readdirSync(dir).length
  } catch {
    return 0
  }
}

/** The first CLIP_SECONDS of a LibriVox reading: real speech, as short as a job gets. */
function shortClip(dir: string): string {
  const out = join(dir, 'short-speech.wav')
  const source = librivoxClips()[1]
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', source, '-t', String(CLIP_SECONDS), out])
  return out
}

/** The clip with one sample changed (`n`), beside it: a content of its own. */
function copyOf(clip: string, n: number): string {
  return distinctCopy(clip, clip.replace(/\.wav$/, `-${n}.wav`), n)
}

/** Which checkpoints to compare: the issues' pairs, or for a smoke run the last vs job 10. */
function comparisons(): [number, number, string][] {
  const full = COMPARISONS.filter(([, at]) => at <= JOBS)
  if (full.length > 0) return full
  return JOBS > BATCH ? [[BATCH, JOBS, `smoke run of ${JOBS} jobs`]] : []
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-soak-'))
  const dataDir = join(dir, 'data')
  const service = createTranscriptionService({ dataDir })
  const ctx = { clientId: 'soak' }
  const settings = await service.handlers['settings.get']({}, ctx)
  await service.handlers['settings.set']({ settings: { ...settings, concurrentJobs: 3 } }, ctx)
  const clip = shortClip(dir)
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
  const wanted = new Set(comparisons().flatMap(([a, b]) => [a, b]))
  const at = new Map<number, Checkpoint>()
  let failed = 0
  const started = Date.now()
  // Batches of 10 keep 3 running at once and land exactly on every checkpoint.
  for (let done = 0; done < JOBS;) {
    const n = Math.min(BATCH, JOBS - done)
    const { created } = await service.handlers['jobs.create'](
      // Each job its own content: copies of one would be linked to the first, not run.
      { paths: Array.from({ length: n }, (_, k) => copyOf(clip, done + k + 1)), options },
      ctx
    )
    const rows = await service.waitForJobs(created.map((j) => j.id))
    failed += rows.filter((r) => r.status !== 'completed').length
    done += n
    if (wanted.has(done)) at.set(done, checkpoint())
  }
  const seconds = (Date.now() - started) / 1000
  // What must be gone once every job has ended, before the service shuts down.
  const left = {
    processes: processesMentioning(dataDir).length,
    scratch: entries(join(dataDir, 'tmp')),
    work: entries(join(dataDir, 'work')),
    slots: entries(join(dataDir, 'outcomes'))
  }
  await service.shutdown('soak over')
  rmSync(dir, { recursive: true, force: true })
  const r1 = (n: number): number => Math.round(n * 10) / 10
  const results = comparisons().flatMap(([from, to, why]): BenchResult[] => {
    const a = at.get(from) as Checkpoint
    const b = at.get(to) as Checkpoint
    return [
      {
        name: `main heap after job ${to} vs job ${from} (${why})`,
        value: r1(b.heapMb),
        unit: 'MB',
        baseline: r1(a.heapMb),
        target: `Δ ≤ 5 MB (Δ = ${r1(b.heapMb - a.heapMb)} MB)`,
        pass: b.heapMb - a.heapMb <= 5,
        notes: `${JOBS} jobs of ${CLIP_SECONDS} s in ${r1(seconds)} s, 3 at once, ${failed} not completed`
      },
      {
        name: `open fds after job ${to} vs job ${from} (${why})`,
        value: b.fds,
        unit: '',
        baseline: a.fds,
        target: `Δ ≤ 5 (Δ = ${b.fds - a.fds})`,
        pass: b.fds - a.fds <= 5
      }
    ]
  })
  const leftTotal = left.processes + left.scratch + left.work + left.slots
  results.push({
    name: 'job processes / folders / outcome slots left',
    value: leftTotal,
    unit: '',
    target: '0, and every job completed',
    pass: leftTotal === 0 && failed === 0,
    notes: `${left.processes} process(es), ${left.scratch} scratch folder(s), ${left.work} work folder(s), ${left.slots} outcome slot(s); ${failed} not completed`
  })
  return results
}
