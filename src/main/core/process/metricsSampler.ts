// Samples every running job's whole tree once a second: ONE process-table pass per tick for all
// jobs together, then their usage (from that same pass on Linux, one batched pidusage call
// elsewhere — see treeUsage.ts), on a setTimeout chain (a slow tick delays the
// next one instead of piling up like setInterval would).
import { notRunning, type MetricsSample, type ProcessStatus } from '@shared/domain'
import { collectJobTree, type JobTreeRef } from '../../os/processTree'
import { IncrementalScanner } from '../../os/incrementalScan'
import type { ProcessEntry } from '../../os/processTable'
import { CommandCache, round1, toProcessInfo, UsageReader, type PidUsage } from '../../os/treeUsage'
import { sleep } from '../../os/sleep'

export interface MetricsSamplerOptions {
  jobs: () => JobTreeRef[]
  onSample: (sample: MetricsSample) => void
  intervalMs?: number
  historySize?: number
}

export class MetricsSampler {
  private timer: NodeJS.Timeout | null = null
  private running = false
  private readonly histories = new Map<number, MetricsSample[]>()
  private readonly lastMembers = new Map<number, { pid: number; startTime: string }[]>()
  /** pid@startTime keys sampled before: their CPU reading is meaningful from now on. */
  private seen = new Set<string>()
  private readonly commands = new CommandCache()
  private readonly usage = new UsageReader()
  private readonly scanner = new IncrementalScanner()
  private readonly intervalMs: number
  private readonly historySize: number

  constructor(private readonly o: MetricsSamplerOptions) {
    this.intervalMs = o.intervalMs ?? 1000
    this.historySize = o.historySize ?? 300
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.schedule(0)
  }

  stop(): void {
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  history(jobId: number): MetricsSample[] {
    return [...(this.histories.get(jobId) ?? [])]
  }

  latest(jobId: number): MetricsSample | undefined {
    const h = this.histories.get(jobId)
    return h?.[h.length - 1]
  }

  /** The tree's processes at the last tick (identity included), for stopping stragglers. */
  members(jobId: number): { pid: number; startTime: string }[] {
    return this.lastMembers.get(jobId) ?? []
  }

  /** How many jobs it holds a history for (bounded by its owner calling forget). */
  trackedCount(): number {
    return Math.max(this.histories.size, this.lastMembers.size)
  }

  forget(jobId: number): void {
    this.histories.delete(jobId)
    this.lastMembers.delete(jobId)
  }

  /** One tick: returns the samples it produced (also delivered to onSample). */
  async sampleOnce(): Promise<MetricsSample[]> {
    const refs = this.o.jobs()
    if (refs.length === 0) return []
    const snapshot = this.scanner.scan()
    if (snapshot === null) return []
    const trees = refs.map((ref) => ({ ref, entries: collectJobTree(ref, snapshot) }))
    const unique = new Map(trees.flatMap((t) => t.entries.map((e) => [e.pid, e] as const)))
    this.scanner.remember(snapshot, new Set(unique.keys()))
    const usage = await this.usage.read([...unique.values()])
    const at = Date.now()
    const nowSeen = new Set<string>()
    const samples: MetricsSample[] = []
    for (const { ref, entries } of trees) {
      this.lastMembers.set(
        ref.jobId,
        entries.map((e) => ({ pid: e.pid, startTime: e.startTime }))
      )
      const sample = this.buildSample(ref, entries, usage, at, nowSeen)
      this.remember(sample)
      samples.push(sample)
    }
    this.seen = nowSeen
    this.commands.retain(nowSeen)
    for (const s of samples) this.o.onSample(s)
    return samples
  }

  private buildSample(
    ref: JobTreeRef,
    entries: ProcessEntry[],
    usage: Map<number, PidUsage>,
    at: number,
    nowSeen: Set<string>
  ): MetricsSample {
    const processes = entries.map((e) => {
      const key = `${e.pid}@${e.startTime}`
      const cpuKnown = this.seen.has(key)
      if (usage.has(e.pid)) nowSeen.add(key)
      return toProcessInfo(e, usage.get(e.pid), this.commands.get(e), cpuKnown)
    })
    return {
      jobId: ref.jobId,
      at,
      cpuPercent: round1(processes.reduce((sum, p) => sum + p.cpuPercent, 0)),
      memoryMb: round1(processes.reduce((sum, p) => sum + p.memoryMb, 0)),
      processes
    }
  }

  private remember(sample: MetricsSample): void {
    let h = this.histories.get(sample.jobId)
    if (!h) this.histories.set(sample.jobId, (h = []))
    h.push(sample)
    if (h.length > this.historySize) h.splice(0, h.length - this.historySize)
  }

  private schedule(delay: number): void {
    if (!this.running) return
    this.timer = setTimeout(() => {
      this.sampleOnce()
        .catch(() => undefined)
        .finally(() => this.schedule(this.intervalMs))
    }, delay)
    this.timer.unref()
  }
}

/** A ProcessStatus from a sample (the tree's root first if present). */
export function statusFromSample(
  sample: MetricsSample | undefined,
  rootPid: number | null
): ProcessStatus {
  if (!sample || sample.processes.length === 0) {
    return notRunning(rootPid)
  }
  const root = sample.processes.find((p) => p.pid === rootPid)
  return {
    running: true,
    pid: rootPid,
    cpuPercent: sample.cpuPercent,
    memoryMb: sample.memoryMb,
    elapsedSeconds:
      root?.elapsedSeconds ?? Math.max(...sample.processes.map((p) => p.elapsedSeconds)),
    processes: sample.processes
  }
}

/**
 * Status of a tree measured now (for a caller with no running sampler, e.g. the CLI): two
 * readings `cpuWindowMs` apart, because a single pidusage reading cannot know the CPU rate.
 */
export async function measureTreeNow(ref: JobTreeRef, cpuWindowMs = 300): Promise<ProcessStatus> {
  const sampler = new MetricsSampler({ jobs: () => [ref], onSample: () => undefined })
  await sampler.sampleOnce()
  await sleep(cpuWindowMs)
  const [sample] = await sampler.sampleOnce()
  return statusFromSample(sample, ref.rootPid)
}
