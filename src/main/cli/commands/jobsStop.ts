import { isTerminalStatus } from '@shared/domain'
import { recordedState, stopRecordedTree } from '../../core/process/recordedJob'
import { jobCommand } from './jobsShow'
import { STOP_GRACE_MS } from '../../os/stopTimings'

const REASON = 'stopped from the command line'

/**
 * The CLI is not the process that started the job, so it works from the row: the recorded
 * (pid, start time) must still match before anything is signalled. The job is marked cancelled
 * FIRST (a guarded update), so the owner seeing its pipeline die cannot call it failed.
 */
const jobsStop = jobCommand({
  name: 'jobs stop',
  summary: 'stop a job: kill its whole process tree (identity-checked) and mark it cancelled',
  run: async (ctx, job) => {
    const { id } = job
    const jobs = ctx.store().jobs
    const say = (text: string, data: object): void =>
      ctx.write(ctx.json ? `${JSON.stringify({ jobId: id, ...data })}\n` : `${text}\n`)

    if (isTerminalStatus(job.status)) {
      say(`job ${id} is already ${job.status}`, { status: job.status, alreadyStopped: true })
      return 0
    }
    if (job.status === 'queued') {
      jobs.cancelJob(id, REASON)
      say(`job ${id} cancelled (it had not started)`, { status: 'cancelled', alreadyStopped: true })
      return 0
    }
    const state = recordedState(job)
    if (state === 'unrecorded') {
      throw new Error(
        `job ${id} has no recorded process identity (process tracking was off); stop it from the app that started it`
      )
    }
    jobs.cancelJob(id, REASON)
    const result = await stopRecordedTree(job, STOP_GRACE_MS)
    const status = jobs.getJob(id)?.status ?? 'cancelled'
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
