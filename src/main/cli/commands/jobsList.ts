import { JOB_STATUSES, type JobRow, type JobStatus } from '@shared/domain'
import { CLI_CLIENT, intOption, stringOption, UsageError, type Command } from '../command'

function parseStatus(raw: string | undefined): JobStatus | undefined {
  if (raw === undefined) return undefined
  if ((JOB_STATUSES as readonly string[]).includes(raw)) return raw as JobStatus
  throw new UsageError(`--status must be one of ${JOB_STATUSES.join(', ')}, got '${raw}'`)
}

function formatRow(job: JobRow): string {
  const created = new Date(job.created_at).toISOString().replace('T', ' ').slice(0, 19)
  const progress = `${Math.round(job.progress * 100)}%`.padStart(4)
  return `${String(job.id).padStart(5)}  ${job.status.padEnd(10)}  ${progress}  ${created}  ${job.filename}`
}

const jobsList: Command = {
  name: 'jobs list',
  summary: 'list jobs, newest first (--json: an array of job rows with DB column names)',
  usage: '[--status S] [--search TEXT] [--limit N]',
  options: {
    status: { type: 'string' },
    search: { type: 'string' },
    limit: { type: 'string' }
  },
  run: async (ctx, { values }) => {
    const filter = {
      status: parseStatus(stringOption(values, 'status')),
      search: stringOption(values, 'search'),
      limit: intOption(values, 'limit', 0, 1_000_000)
    }
    const jobs = await ctx.service().handlers['jobs.list'](filter, CLI_CLIENT)
    if (ctx.json) {
      ctx.write(`${JSON.stringify(jobs, null, 2)}\n`)
      return
    }
    if (jobs.length === 0) {
      ctx.write('no jobs\n')
      return
    }
    ctx.write(`${'ID'.padStart(5)}  ${'STATUS'.padEnd(10)}  PROG  CREATED (UTC)        FILE\n`)
    ctx.write(jobs.map(formatRow).join('\n') + '\n')
  }
}
export default jobsList
