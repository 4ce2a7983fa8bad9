// `transcriptor jobs resume ID`: continues a stopped, failed, reaped or kill -9'd job from its
// finished chunks, in this process (like `transcribe`: tracked, logged, Ctrl-C stops it). Same id,
// the log is appended; a changed input or different chunk options are refused with the reason.
import { oneArgumentCommand } from '../command'
import { createTranscriptionService } from '../../core/service/transcriptionService'
import { parseJobId } from './jobsShow'
import { followJobProgress } from '../jobProgressLines'

const CLIENT_ID = `cli-${process.pid}`

const jobsResume = oneArgumentCommand({
  name: 'jobs resume',
  summary: 'continue a stopped or failed job from its finished chunks (same job, log appended)',
  usage: 'ID',
  run: async (ctx, rawId) => {
    const id = parseJobId(rawId)
    const service = createTranscriptionService({ dataDir: ctx.dataDir })
    const client = { clientId: CLIENT_ID }
    const note = (text: string): void => {
      if (!ctx.json) process.stderr.write(`${text}\n`)
    }
    const state = { interrupted: false }
    const onSignal = (): void => {
      if (state.interrupted) return
      state.interrupted = true
      note(`interrupted: stopping job ${id}…`)
      service.handlers['jobs.stop']({ id }, client).catch((e: unknown) => note(String(e)))
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    try {
      // The reaper runs first: a job whose app was killed is still `processing` until then.
      await service.start()
      await service.handlers['jobs.resume']({ id }, client)
      note(`job ${id}: resumed`)
      const off = followJobProgress(service, note, (jobId) => jobId === id)
      const [job] = await service.waitForJobs([id])
      off()
      if (ctx.json) ctx.write(`${JSON.stringify(job)}\n`)
      else
        ctx.write(
          `job ${id} ${job.status}${job.status === 'completed' ? '' : `: ${job.error_message ?? job.cancel_reason ?? ''}`}\n`
        )
      if (state.interrupted) return 130
      return job.status === 'completed' ? 0 : 1
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      await service.shutdown('command finished')
    }
  }
})
export default jobsResume
