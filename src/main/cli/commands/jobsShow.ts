import type { JobRow, ProcessStatus } from '@shared/domain'
import {
  CLI_CLIENT,
  oneArgumentCommand,
  UsageError,
  type Command,
  type CommandContext,
  type OptionValues
} from '../command'
import { speakersLine } from '../speakerTalkTime'
import { doubtfulCountText } from '@shared/doubtfulWords'
import { doubtfulCount } from './doubtfulCount'

/** The ID positional of the `jobs <verb> ID` commands. */
export function parseJobId(raw: string | undefined): number {
  const id = Number(raw)
  if (raw === undefined || !/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id < 1) {
    throw new UsageError(`job ID must be a positive whole number, got '${raw ?? ''}'`)
  }
  return id
}

/** The job the ID positional names; throws "no job with ID N" when there is none. */
async function jobNamed(ctx: CommandContext, raw: string | undefined): Promise<JobRow> {
  const id = parseJobId(raw)
  const job = await ctx.service().handlers['jobs.get']({ id }, CLI_CLIENT)
  if (!job) throw new Error(`no job with ID ${id}`)
  return job
}

interface JobCommand extends Omit<Command, 'usage' | 'positionals' | 'run'> {
  /** What follows the ID in `--help`, if anything. */
  usage?: string
  run: (ctx: CommandContext, job: JobRow, values: OptionValues) => ReturnType<Command['run']>
}

/** A `jobs <verb> ID …` command: `run` gets the job the ID names (or the user a clear error). */
export function jobCommand({ usage, run, ...rest }: JobCommand): Command {
  return oneArgumentCommand({
    ...rest,
    usage: usage ? `ID ${usage}` : 'ID',
    run: async (ctx, id, values) => run(ctx, await jobNamed(ctx, id), values)
  })
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
  if (job.warning) lines.push(`  warning:    ${job.warning}`)
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

const jobsShow = jobCommand({
  name: 'jobs show',
  summary: 'one job with its live process tree (--json: {"job": row, "process": status})',
  run: async (ctx, job) => {
    // A job another process runs is measured from its recorded tree (identity-checked).
    const status = await ctx.service().handlers['jobs.processStatus']({ id: job.id }, CLI_CLIENT)
    const document =
      job.status === 'completed'
        ? await ctx.service().handlers['transcripts.get']({ id: job.id }, CLI_CLIENT)
        : null
    const doubtful = await doubtfulCount(ctx, job.id)
    const line = doubtful
      ? `  doubtful:   ${doubtfulCountText(doubtful.count)} (confidence below ${Math.round(doubtful.below * 100)} % or a doubtful passage)\n`
      : ''
    ctx.write(
      ctx.json
        ? `${JSON.stringify({ job, process: status, doubtfulWords: doubtful?.count ?? null }, null, 2)}\n`
        : describe(job, status) + speakersLine(document?.transcript) + line
    )
  }
})
export default jobsShow
