import { isTerminalStatus } from '@shared/domain'
import { recordedState } from '../../core/process/recordedJob'
import { CLI_CLIENT } from '../command'
import { jobCommand } from './jobsShow'

const REASON = 'stopped from the command line'

/**
 * The CLI stops a job the way every host does, through the service: a queued job is cancelled; a
 * job another process runs is cancelled first, then its recorded tree is stopped, identity-checked.
 */
const jobsStop = jobCommand({
  name: 'jobs stop',
  summary: 'stop a job: kill its whole process tree (identity-checked) and mark it cancelled',
  run: async (ctx, job) => {
    const { id } = job
    const service = ctx.service()
    const say = (text: string, data: object): void =>
      ctx.write(ctx.json ? `${JSON.stringify({ jobId: id, ...data })}\n` : `${text}\n`)

    if (isTerminalStatus(job.status)) {
      say(`job ${id} is already ${job.status}`, { status: job.status, alreadyStopped: true })
      return 0
    }
    if (job.status === 'queued') {
      await service.stopJob(id, REASON)
      say(`job ${id} cancelled (it had not started)`, { status: 'cancelled', alreadyStopped: true })
      return 0
    }
    // Read before the stop, for the wording: whether the recorded pid still named our process.
    const state = recordedState(job)
    const result = await service.stopJob(id, REASON)
    const status = (await service.handlers['jobs.get']({ id }, CLI_CLIENT))?.status ?? 'cancelled'
    if (result.survivors.length > 0) {
      throw new Error(
        `job ${id}: ${result.survivors.length} process(es) survived SIGKILL: ${result.survivors.join(' ')}`
      )
    }
    const what =
      state === 'pid-reused'
        ? `its pid ${job.process_id} now belongs to another program, so nothing was killed`
        : result.killed.length === 0
          ? 'no process was left running'
          : `killed ${result.killed.length} process(es)${result.escalated ? ' (some needed SIGKILL)' : ''} in ${Math.round(result.durationMs)} ms`
    say(`job ${id} ${status}: ${what}`, { status, ...result })
    return 0
  }
})
export default jobsStop
