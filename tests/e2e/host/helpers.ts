// Shared pieces of the browser-host e2e tests: long real speech, Chromium pages of the real
// renderer, and what a user (or `ps`) would observe about a job's processes.
import { readdirSync, readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import type { JobRow } from '@shared/domain'
import { waitFor, type AppGlobal, type HostClient } from '../../support/host'
import { joinedSpeech } from '../../support/speech'

/** ~25 s of LibriVox speech repeated `times` times into one WAV (long enough to still be running). */
export function makeLongSpeech(dir: string, times = 24): string {
  return joinedSpeech(dir, times, 'long-speech.wav')
}

export const JOB_OPTIONS = {
  engine: 'pocketsphinx',
  model: '',
  processes: 1,
  workers: 1,
  chunkSeconds: 30,
  overlapSeconds: 1,
  formats: ['txt', 'json'],
  outputDir: ''
} as const

export { launchOwnChromium, openAppPage as openApp, type AppGlobal } from '../../support/host'

/** Creates jobs through the page's own API (so the page's connection owns them). */
export async function createJobsInPage(page: Page, paths: string[]): Promise<number[]> {
  const result = await page.evaluate(
    ({ paths, options }) =>
      (globalThis as AppGlobal).transcriptor!.jobs.create({
        paths,
        options: { ...options, formats: [...options.formats] }
      }),
    { paths, options: JOB_OPTIONS }
  )
  if (result.rejected.length) throw new Error(`rejected: ${JSON.stringify(result.rejected)}`)
  return result.created.map((job) => job.id)
}

export async function waitUntilRunning(client: HostClient, id: number): Promise<JobRow> {
  return waitFor(
    async () => {
      const job = await client.call('jobs.get', { id })
      if (job && job.status !== 'queued' && job.status !== 'processing') {
        throw new Error(
          `job ${id} ended before the test could stop it: ${job.status} ${job.error_message ?? ''}`
        )
      }
      return job?.status === 'processing' && job.process_id && job.process_group_id
        ? job
        : undefined
    },
    `job ${id} to be processing with a pid`,
    60_000
  )
}

/** Live (non-zombie) processes whose process group is `pgid`, plus `pid` itself if alive. */
export function liveProcesses(pid: number, pgid: number): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const state = fields[0]
      const group = Number(fields[2])
      if (state !== 'Z' && (Number(entry) === pid || group === pgid)) found.push(Number(entry))
    } catch {
      // The process exited while we looked.
    }
  }
  return found
}

/** `pid comm state` of a process, for a failure message. */
function processText(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return `${pid} ${stat.slice(stat.indexOf('('), stat.lastIndexOf(')') + 3)}`
  } catch {
    return `${pid} (gone)`
  }
}

export interface StoppedJob {
  job: JobRow
  /** ms from `since` until the row said cancelled and no process of the job was left. */
  elapsedMs: number
}

/** Waits until the job is cancelled and its whole tree is gone; reports how long that took. */
export async function waitUntilStopped(
  client: HostClient,
  running: JobRow,
  since: number,
  timeoutMs = 15_000
): Promise<StoppedJob> {
  const job = await waitFor(
    async () => {
      const row = await client.call('jobs.get', { id: running.id })
      const left = liveProcesses(running.process_id!, running.process_group_id!)
      if (row?.status === 'cancelled' && left.length === 0) return row
      // Thrown, so a timeout says what was still there (waitFor reports the last reason).
      throw new Error(
        `the row says ${row?.status ?? 'nothing'} (${row?.cancel_reason ?? row?.error_message ?? 'no reason'}); ` +
          `left: ${left.map(processText).join(', ') || 'no process'}`
      )
    },
    `job ${running.id} to be cancelled with no process left`,
    timeoutMs,
    25
  )
  return { job, elapsedMs: Date.now() - since }
}
