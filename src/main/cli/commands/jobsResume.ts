// `transcriptor jobs resume ID`: continues a stopped, failed, reaped or kill -9'd job from its
// finished chunks, in this process (like `transcribe`: tracked, logged, Ctrl-C stops it). Same id,
// the log is appended; a changed input or different chunk options are refused with the reason.
import { CLI_CLIENT, oneArgumentCommand } from '../command'
import { parseJobId } from './jobsShow'
import { followJobProgress } from '../jobProgressLines'
import { runOneJobHere } from '../oneJobHere'

const jobsResume = oneArgumentCommand({
  name: 'jobs resume',
  summary: 'continue a stopped or failed job from its finished chunks (same job, log appended)',
  usage: 'ID',
  run: async (ctx, rawId) => {
    const id = parseJobId(rawId)
    let unfollow = (): void => undefined
    return runOneJobHere(ctx, {
      // The service starts first: the reaper turns a job whose app was killed from `processing`.
      begin: async (service, note) => {
        await service.handlers['jobs.resume']({ id }, CLI_CLIENT)
        note(`job ${id}: resumed`)
        unfollow = followJobProgress(service, note, (jobId) => jobId === id)
        return id
      },
      stopping: () => `interrupted: stopping job ${id}…`,
      report: (job) => {
        unfollow()
        if (ctx.json) ctx.write(`${JSON.stringify(job)}\n`)
        else {
          const why =
            job.status === 'completed' ? job.warning : (job.error_message ?? job.cancel_reason)
          ctx.write(`job ${id} ${job.status}${why ? `: ${why}` : ''}\n`)
        }
        return job.status === 'completed' ? 0 : 1
      }
    })
  }
})
export default jobsResume
