// `transcriptor transcribe FILE...`: one job per file through the TranscriptionService (so every
// job is registered, logged, heartbeated and stoppable like in the app), progress on stderr, the
// result per file at the end. A bad file fails its own job with a reason; the others still run.
// Ctrl-C stops every tree and marks the jobs cancelled. Exit code 1 if any file did not complete.
import { resolve } from 'node:path'
import {
  CREATE_JOBS_MAX,
  JobOptionsSchema,
  jobOptionsIn,
  OUTPUT_FORMATS,
  parseOutputFiles,
  type JobOptions,
  type JobRow,
  type OutputFormat
} from '@shared/domain'
import {
  CLI_CLIENT,
  UsageError,
  intOption,
  stringOption,
  type Command,
  type OptionValues
} from '../command'
import type { TranscriptionService } from '../../core/service/transcriptionService'
import { endpointsOption } from '../endpointOption'
import { SPEAKER_FLAGS, SPEAKER_USAGE, speakerOptionsFrom } from '../speakerFlags'
import { vadOptions } from '../vadOption'
import { expandFolders } from '../../core/watch/folderFiles'
import { followJobProgress } from '../jobProgressLines'
import { interruptedReason, withStartedService, type StartedService } from '../startedService'

function numberOption(values: OptionValues, name: string): number | undefined {
  const raw = stringOption(values, name)
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`--${name} must be a number of seconds, got '${raw}'`)
  return value
}

function formatsOption(values: OptionValues): OutputFormat[] | undefined {
  const raw = stringOption(values, 'format')
  if (raw === undefined) return undefined
  const formats = raw
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean)
  const unknown = formats.filter((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f))
  if (formats.length === 0 || unknown.length > 0) {
    throw new UsageError(`--format takes a comma list of ${OUTPUT_FORMATS.join(',')}, got '${raw}'`)
  }
  return [...new Set(formats)] as OutputFormat[]
}

/** The flags that choose a job's options: the same for transcribe, watch and record. */
export const JOB_FLAGS = {
  engine: { type: 'string' },
  model: { type: 'string' },
  processes: { type: 'string' },
  workers: { type: 'string' },
  chunk: { type: 'string' },
  overlap: { type: 'string' },
  format: { type: 'string' },
  endpoint: { type: 'string', multiple: true },
  language: { type: 'string' },
  translate: { type: 'boolean' },
  vad: { type: 'string' },
  'vad-model': { type: 'string' },
  ...SPEAKER_FLAGS
} as const

export const JOB_FLAGS_USAGE =
  '[--engine pocketsphinx|whisper|openai] [--model NAME|PATH] [--processes N] [--workers N] ' +
  '[--chunk SECONDS] [--overlap SECONDS] [--format txt,srt,vtt,json] ' +
  '[--language auto|en|de|…] [--translate] [--vad silero|energy|off] [--vad-model NAME|PATH] ' +
  `${SPEAKER_USAGE} ` +
  '[--endpoint URL[,model=NAME,concurrency=N,timeout=SECONDS]]... (key: $TRANSCRIPTOR_API_KEY)'

/** The flags the user gave, over the saved settings, validated as one JobOptions. */
export function jobOptionsFrom(values: OptionValues, settings: JobOptions): JobOptions {
  const engine = stringOption(values, 'engine')
  const chosen = {
    ...jobOptionsIn(settings),
    ...(engine !== undefined && { engine }),
    ...(stringOption(values, 'model') !== undefined && { model: stringOption(values, 'model') }),
    ...(intOption(values, 'processes', 1, 64) !== undefined && {
      processes: intOption(values, 'processes', 1, 64)
    }),
    ...(intOption(values, 'workers', 1, 64) !== undefined && {
      workers: intOption(values, 'workers', 1, 64)
    }),
    ...(numberOption(values, 'chunk') !== undefined && {
      chunkSeconds: numberOption(values, 'chunk')
    }),
    ...(numberOption(values, 'overlap') !== undefined && {
      overlapSeconds: numberOption(values, 'overlap')
    }),
    ...(formatsOption(values) !== undefined && { formats: formatsOption(values) }),
    // A relative --out means "from where I typed the command": resolved here, in the user's shell.
    ...(stringOption(values, 'out') !== undefined && {
      outputDir: resolve(stringOption(values, 'out') ?? '')
    }),
    ...(endpointsOption(values, process.env) !== undefined && {
      endpoints: endpointsOption(values, process.env)
    }),
    ...(stringOption(values, 'language') !== undefined && {
      language: stringOption(values, 'language')?.toLowerCase()
    }),
    ...(values.translate === true && { translate: true }),
    ...speakerOptionsFrom(values),
    ...vadOptions(values)
  }
  const parsed = JobOptionsSchema.safeParse(chosen)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const flag = {
      engine: 'engine',
      chunkSeconds: 'chunk',
      overlapSeconds: 'overlap',
      outputDir: 'out',
      language: 'language',
      speakers: 'speakers',
      speakerThreshold: 'speaker-threshold'
    }[String(issue.path[0])]
    throw new UsageError(`--${flag ?? String(issue.path[0])}: ${issue.message}`)
  }
  return parsed.data
}

export function describeOutcome(job: JobRow): string {
  if (job.status === 'completed') {
    const files = Object.values(parseOutputFiles(job.output_files))
    const warning = job.warning ? ` (warning: ${job.warning})` : ''
    const linked =
      job.linked_job_id === null ? '' : ` (same content as job ${job.linked_job_id}: not re-run)`
    return `done      ${job.filename} → ${files.join(', ')}${linked}${warning}`
  }
  if (job.status === 'cancelled')
    return `cancelled ${job.filename}: ${job.cancel_reason ?? 'stopped'}`
  return `failed    ${job.filename}: ${job.error_message ?? 'unknown error'}`
}

/** jobs.create takes at most CREATE_JOBS_MAX paths a request: a big folder goes in several. */
async function createInBatches(
  service: TranscriptionService,
  paths: string[],
  options: JobOptions
): Promise<{ created: JobRow[]; rejected: { path: string; reason: string }[] }> {
  const all = { created: [] as JobRow[], rejected: [] as { path: string; reason: string }[] }
  for (let i = 0; i < paths.length; i += CREATE_JOBS_MAX) {
    const batch = paths.slice(i, i + CREATE_JOBS_MAX)
    if (batch.length === 0) break
    const r = await service.handlers['jobs.create']({ paths: batch, options }, CLI_CLIENT)
    all.created.push(...r.created)
    all.rejected.push(...r.rejected)
  }
  return all
}

/** Says out loud an outcome the database refused, with where it is kept: the next transcriptor
 *  command (or any host's start or reap) writes it from there. How many there were. */
function sayUnsaved(service: TranscriptionService): number {
  const unsaved = service.unsavedOutcomes()
  for (const held of unsaved) {
    const kept = held.keptIn
      ? `kept in ${held.keptIn}; the next transcriptor command records it`
      : 'it could not be kept on disk either'
    process.stderr.write(
      `job ${held.jobId}: ${held.outcome.status}, but not recorded in the database (${held.error}); ${kept}\n`
    )
  }
  return unsaved.length
}

const transcribe: Command = {
  name: 'transcribe',
  summary:
    'transcribe audio/video files (one tracked job each; a folder: every media file inside); Ctrl-C stops them all',
  usage: `FILE|DIR... [--out DIR] ${JOB_FLAGS_USAGE}`,
  positionals: { min: 1, max: 1000 },
  options: { ...JOB_FLAGS, out: { type: 'string' } },
  run: async (ctx, { values, positionals }) => {
    const progressLine = (text: string): void => {
      if (!ctx.json) process.stderr.write(`${text}\n`)
    }
    let jobIds: number[] = []
    // Ctrl-C: stop every job through the service (kill tree, verify, mark cancelled); the wait
    // below then returns with their final rows.
    const stopAll = (signal: NodeJS.Signals, started: StartedService): void => {
      void started.stopJobs(signal)
      progressLine(`${signal}: ${interruptedReason(signal)}, stopping ${jobIds.length} job(s)…`)
    }
    return withStartedService(ctx, {
      onStop: stopAll,
      work: async (started) => {
        const { service } = started
        const settings = await service.handlers['settings.get']({}, CLI_CLIENT)
        const options = jobOptionsFrom(values, settings)
        const off = followJobProgress(service, progressLine, () => true)
        // A folder stands for every media file inside it (recursively); other files are counted.
        const inputs = await expandFolders(positionals.map((p) => resolve(p)))
        for (const f of inputs.folders)
          progressLine(`${f.path}: ${f.media} media file(s), ${f.skipped} other file(s) skipped`)
        const { created, rejected } = await createInBatches(service, inputs.files, options)
        jobIds = created.map((j) => j.id)
        if (started.interrupted) stopAll(started.interrupted, started)
        for (const r of rejected) progressLine(`failed    ${r.path}: ${r.reason}`)
        const finished = await service.waitForJobs(jobIds)
        off()
        for (const job of finished) progressLine(`job ${job.id} ${describeOutcome(job)}`)
        if (ctx.json) ctx.write(`${JSON.stringify(finished)}\n`)
        if (sayUnsaved(service) > 0) return 75
        if (started.interrupted) return 130
        const allDone = rejected.length === 0 && finished.every((j) => j.status === 'completed')
        return allDone ? 0 : 1
      }
    })
  }
}
export default transcribe
