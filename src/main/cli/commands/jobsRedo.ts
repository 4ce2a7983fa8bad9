// `transcriptor jobs redo ID --from S --to S [engine options]`: transcribes a passage of a finished
// job again, as a job of its own run in this process (tracked, logged, Ctrl-C stops it, and then
// the passage stays as it was); on completion its words replace the passage in the job's
// transcript as an edit (the engine's original kept; the job's files rewritten).
import { isTerminalStatus } from '@shared/domain'
import { RedoOptionsSchema, RedoRequestSchema, type RedoOptions } from '@shared/passageRedo'
import { oneArgumentCommand, stringOption, UsageError, type OptionValues } from '../command'
import { createTranscriptionService } from '../../core/service/transcriptionService'
import { endpointsOption } from '../endpointOption'
import { parseJobId } from './jobsShow'

const CLIENT_ID = `cli-${process.pid}`

/** Seconds, or m:ss / h:mm:ss as the job page shows times. */
function secondsOption(values: OptionValues, name: string): number {
  const raw = stringOption(values, name)
  if (raw === undefined) throw new UsageError(`--${name} is required (seconds or m:ss)`)
  const parts = raw.trim().split(':')
  const ok = parts.length <= 3 && parts.every((p) => /^\d+(\.\d+)?$/.test(p))
  if (!ok) throw new UsageError(`--${name} must be seconds or m:ss, got '${raw}'`)
  return parts.reduce((total, p) => total * 60 + Number(p), 0)
}

function redoOptions(values: OptionValues): RedoOptions {
  const engine = stringOption(values, 'engine')
  const model = stringOption(values, 'model')
  const language = stringOption(values, 'language')?.toLowerCase()
  const endpoints = endpointsOption(values, process.env)
  const options = {
    ...(engine !== undefined && { engine }),
    ...(model !== undefined && { model }),
    ...(language !== undefined && { language }),
    ...(endpoints !== undefined && { endpoints })
  }
  const parsed = RedoOptionsSchema.safeParse(options)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`)
  }
  return parsed.data
}

const jobsRedo = oneArgumentCommand({
  name: 'jobs redo',
  summary: 'transcribe a passage of a finished job again; its words replace the passage (an edit)',
  usage:
    'ID --from S --to S [--engine pocketsphinx|whisper|openai] [--model NAME|PATH] ' +
    '[--language auto|en|…] [--endpoint URL[,model=NAME]]...',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    engine: { type: 'string' },
    model: { type: 'string' },
    language: { type: 'string' },
    endpoint: { type: 'string', multiple: true }
  },
  run: async (ctx, rawId, values) => {
    const request = RedoRequestSchema.safeParse({
      id: parseJobId(rawId),
      from: secondsOption(values, 'from'),
      to: secondsOption(values, 'to'),
      options: redoOptions(values)
    })
    if (!request.success) throw new UsageError(`--to: ${request.error.issues[0].message}`)
    const service = createTranscriptionService({ dataDir: ctx.dataDir, envKeyAllowed: true })
    const client = { clientId: CLIENT_ID }
    const note = (text: string): void => {
      if (!ctx.json) process.stderr.write(`${text}\n`)
    }
    let redoId: number | null = null
    const state = { interrupted: false }
    const onSignal = (): void => {
      if (state.interrupted || redoId === null) return
      state.interrupted = true
      note(`interrupted: stopping job ${redoId}; the passage stays as it was…`)
      service.handlers['jobs.stop']({ id: redoId }, client).catch((e: unknown) => note(String(e)))
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    try {
      await service.start()
      const redo = await service.handlers['jobs.redo'](request.data, client)
      redoId = redo.id
      note(`job ${redo.id}: ${redo.filename}`)
      const [job] = await service.waitForJobs([redo.id])
      if (!isTerminalStatus(job.status)) return 1
      if (ctx.json) ctx.write(`${JSON.stringify(job)}\n`)
      else if (job.status === 'completed')
        ctx.write(`job ${job.id} completed: the passage of job ${request.data.id} replaced\n`)
      else
        ctx.write(
          `job ${job.id} ${job.status}: ${job.error_message ?? job.cancel_reason ?? ''}; the passage stays as it was\n`
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
export default jobsRedo
