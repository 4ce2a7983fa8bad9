// `transcriptor jobs redo ID --from S --to S [engine options]`: transcribes a passage of a finished
// job again, as a job of its own run in this process (tracked, logged, Ctrl-C stops it, and then
// the passage stays as it was); on completion its words replace the passage in the job's
// transcript as an edit (the engine's original kept; the job's files rewritten).
import { isTerminalStatus } from '@shared/domain'
import { RedoOptionsSchema, RedoRequestSchema, type RedoOptions } from '@shared/passageRedo'
import {
  CLI_CLIENT,
  oneArgumentCommand,
  stringOption,
  UsageError,
  type OptionValues
} from '../command'
import { runOneJobHere } from '../oneJobHere'
import { endpointsOption } from '../endpointOption'
import { parseJobId } from './jobsShow'

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
    const passage = request.data
    return runOneJobHere(ctx, {
      begin: async (service, note) => {
        const redo = await service.handlers['jobs.redo'](passage, CLI_CLIENT)
        note(`job ${redo.id}: ${redo.filename}`)
        return redo.id
      },
      stopping: (id) => `interrupted: stopping job ${id}; the passage stays as it was…`,
      report: (job) => {
        if (!isTerminalStatus(job.status)) return 1
        if (ctx.json) ctx.write(`${JSON.stringify(job)}\n`)
        else if (job.status === 'completed')
          // A redo whose words could not go back in completes with the reason as its warning.
          ctx.write(
            `job ${job.id} completed: ${job.warning ?? `the passage of job ${passage.id} replaced`}\n`
          )
        else
          ctx.write(
            `job ${job.id} ${job.status}: ${job.error_message ?? job.cancel_reason ?? ''}; the passage stays as it was\n`
          )
        return job.status === 'completed' ? 0 : 1
      }
    })
  }
})
export default jobsRedo
