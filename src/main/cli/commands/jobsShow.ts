import { notRunning, type JobRow, type ProcessStatus } from '@shared/domain'
import { UsageError, type Command, type CommandContext } from '../command'
import { recordedStatus } from '../../core/process/recordedJob'

/** The ID positional of the `jobs <verb> ID` commands. */
export function parseJobId(raw: string | undefined): number {
  const id = Number(raw)
  if (raw === undefined || !/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id < 1) {
    throw new UsageError(`job ID must be a positive whole number, got '${raw ?? ''}'`)
  }
  return id
}

/** The job the ID positional names; throws "no job with ID N" when there is none. */
export function jobNamed(ctx: CommandContext, raw: string | undefined): JobRow {
  const id = parseJobId(raw)
  const job = ctx.store().jobs.getJob(id)
  if (!job) throw new Error(`no job with ID ${id}`)
  return job
}

const when = (ms: number | null): string =>
  ms === null ? '-' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC'

function describe(job: JobRow, status: ProcessStatus): string {
  const lines = [
    `job ${job.id}: ${job.status}${job.status === 'processing' ? ` (${Math.round(job.progress * 100)}%)` : ''}`,
    `  file:       ${job.original_path}`,
    `  engine:     ${job.engine}${job.model ? ` (${job.model})` : ''}, ${job.processes} process(es) × ${job.workers} worker(s)`,
    `  created:    ${when(job.created_at)}   started: ${when(job.started_at)}   finished: ${when(job.finished_at)}`
  ]
  if (job.error_message) lines.push(`  error:      ${job.error_message}`)
  if (job.cancel_reason) lines.push(`  cancelled:  ${job.cancel_reason}`)
  if (job.process_id !== null) {
    lines.push(
      `  process:    pid ${job.process_id}, group ${job.process_group_id ?? '-'}, owner pid ${job.owner_pid ?? '-'} (${job.owner_instance ?? '-'})`,
      `  heartbeat:  ${when(job.last_heartbeat)}${job.keep_in_background ? '   (keeps running in background)' : ''}`
    )
  }
  if (job.log_file_path) lines.push(`  log:        ${job.log_file_path}`)
  if (status.running) {
    lines.push(
      `  live:       ${status.processes.length} process(es), CPU ${status.cpuPercent}%, memory ${status.memoryMb} MB, running ${status.elapsedSeconds} s`
    )
    for (const p of status.processes) {
      lines.push(
        `    ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)} ${`${p.cpuPercent}%`.padStart(7)} ${`${p.memoryMb} MB`.padStart(10)}  ${p.command.slice(0, 100)}`
      )
    }
  } else if (job.status === 'processing') {
    lines.push('  live:       no process of this job is running')
  }
  return lines.join('\n') + '\n'
}

const jobsShow: Command = {
  name: 'jobs show',
  summary: 'one job with its live process tree (--json: {"job": row, "process": status})',
  usage: 'ID',
  positionals: { min: 1, max: 1 },
  run: async (ctx, { positionals }) => {
    const job = jobNamed(ctx, positionals[0])
    const status: ProcessStatus =
      job.status === 'processing' ? await recordedStatus(job) : notRunning(job.process_id)
    ctx.write(
      ctx.json ? `${JSON.stringify({ job, process: status }, null, 2)}\n` : describe(job, status)
    )
  }
}
export default jobsShow
