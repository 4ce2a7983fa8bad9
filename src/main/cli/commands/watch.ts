// `transcriptor watch DIR…`: watch folders from the command line. Each folder is saved with its
// options (so a restart, or the app, finds what arrived meanwhile); files that stop growing become
// jobs, the same content is linked rather than re-run, each transcript is exported to --out by
// --name. `--once` takes what is there, waits for it and exits with a summary line (cron,
// scripts); otherwise it runs until Ctrl-C, which stops its jobs like every other stop.
import { basename, dirname, join, resolve } from 'node:path'
import { oneLineError } from '@shared/errors'
import { NameTemplateSchema, type WatchFolderInput } from '@shared/watch'
import { CLI_CLIENT, UsageError, stringOption, type Command, type OptionValues } from '../command'
import type { WatchService, WatchTally } from '../../core/watch/watchService'
import { JOB_FLAGS, JOB_FLAGS_USAGE, jobOptionsFrom } from './transcribe'
import { withStartedService } from '../startedService'

function settleMs(values: OptionValues): number {
  const raw = stringOption(values, 'settle') ?? '2'
  const seconds = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600)
    throw new UsageError(`--settle must be a number of seconds from 0.1 to 3600, got '${raw}'`)
  return seconds * 1000
}

function nameTemplate(values: OptionValues): string {
  const raw = stringOption(values, 'name') ?? '{name}'
  const parsed = NameTemplateSchema.safeParse(raw)
  if (!parsed.success) throw new UsageError(`--name: ${parsed.error.issues[0].message}`)
  return parsed.data
}

/** Where a folder's transcripts go without --out: a folder beside it, `<name> transcripts`. */
function outputFolder(values: OptionValues, dir: string): string {
  const out = stringOption(values, 'out')
  return out !== undefined ? resolve(out) : join(dirname(dir), `${basename(dir)} transcripts`)
}

/** Saves the folder with its options; the reason it is refused is a usage error. */
async function addFolder(watcher: WatchService, input: WatchFolderInput): Promise<number> {
  try {
    return (await watcher.add(input, true)).id
  } catch (error) {
    throw new UsageError(oneLineError(error))
  }
}

export function summaryLine(t: WatchTally): string {
  return (
    `watch: ${t.transcribed} transcribed, ${t.linked} linked to an earlier transcript, ` +
    `${t.notMedia} not media, ${t.skipped} skipped, ${t.failed} failed`
  )
}

const watch: Command = {
  name: 'watch',
  summary:
    'watch folders: new media files become jobs, transcripts are exported (--once: one pass)',
  usage:
    'DIR... [--recursive] [--out DIR] [--name TEMPLATE ({name} {date} {engine} {model})] ' +
    `[--settle SECONDS] [--once] ${JOB_FLAGS_USAGE}`,
  positionals: { min: 1, max: 100 },
  options: {
    recursive: { type: 'boolean' },
    out: { type: 'string' },
    name: { type: 'string' },
    settle: { type: 'string' },
    once: { type: 'boolean' },
    ...JOB_FLAGS
  },
  run: async (ctx, { values, positionals }) => {
    const log = (line: string): void => {
      if (!ctx.json) process.stderr.write(`${line}\n`)
    }
    const settle = settleMs(values)
    const template = nameTemplate(values)
    // Ctrl-C wakes the command: the watch stops first (no new job), then its jobs stop.
    let wake: () => void = () => undefined
    return withStartedService(ctx, {
      onStop: () => wake(),
      work: async (started) => {
        const watcher = started.service.watch
        watcher.configure({ client: CLI_CLIENT, settleMs: settle, log, live: values.once !== true })
        const settings = await started.service.handlers['settings.get']({}, CLI_CLIENT)
        const { out: _out, ...jobFlags } = values
        const options = jobOptionsFrom(jobFlags, settings)
        const ids: number[] = []
        for (const dir of positionals) {
          const path = resolve(dir)
          const input = {
            path,
            recursive: values.recursive === true,
            outputDir: outputFolder(values, path),
            nameTemplate: template,
            options
          }
          ids.push(await addFolder(watcher, input))
        }
        await watcher.start(ids)
        log(`watching ${positionals.length} folder(s)${values.once ? ' once' : '; Ctrl-C stops'}`)
        const stopped = new Promise<void>((r) => (wake = r))
        if (started.interrupted) wake()
        await (values.once ? Promise.race([watcher.idle(), stopped]) : stopped)
        await watcher.stop()
        const signal = started.interrupted
        if (signal) {
          log(`${signal}: stopping the watch's jobs`)
          await started.stopJobs(signal)
        }
        const summary = summaryLine(watcher.tally)
        ctx.write(ctx.json ? `${JSON.stringify(watcher.tally)}\n` : `${summary}\n`)
        if (signal) return 130
        return watcher.tally.failed > 0 ? 1 : 0
      }
    })
  }
}
export default watch
