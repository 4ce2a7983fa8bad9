// What a CLI command is. Each lives in commands/<name>.ts and is registered by one line in
// commands/index.ts; the dispatcher handles global flags, parsing, help and errors.
import type { ParseArgsConfig } from 'node:util'
import type { TranscriptionService } from '../core/service/transcriptionService'

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>

export interface CommandContext {
  /** Resolved: --data-dir, else TRANSCRIPTOR_HOME, else the app's data dir. */
  dataDir: string
  /** --json: print machine-readable output only. */
  json: boolean
  /** Writes one chunk to stdout (add the newline yourself). */
  write: (text: string) => void
  /** The data dir's service, opened once (not started: no heartbeat, no reaper; a command that
   *  runs jobs here starts it through startedService.ts); the dispatcher shuts it down. What a
   *  command asks of jobs goes through it. */
  service: () => TranscriptionService
}

/** Who the CLI is to the service (the owner of what it starts, in logs and notices). */
export const CLI_CLIENT = { clientId: `cli-${process.pid}` }

/** Why the CLI's service shuts down, in the log of a job it still runs then. */
export const COMMAND_FINISHED = 'command finished'

export interface Command {
  /** Words typed after `transcriptor`, e.g. 'jobs list'. */
  name: string
  /** One line for `transcriptor --help`. */
  summary: string
  /** Arguments after the name for `--help`, e.g. '[--status S]'. */
  usage: string
  options?: OptionSpecs
  /** How many positional arguments it takes (default 0..0). */
  positionals?: { min: number; max: number }
  /** Returns the exit code (default 0). Throw UsageError for bad input. */
  run: (
    ctx: CommandContext,
    args: { values: OptionValues; positionals: string[] }
  ) => Promise<number | void> | number | void
}

/** What a command taking exactly one argument declares: `run` gets that argument. */
export interface OneArgumentCommand extends Omit<Command, 'positionals' | 'run'> {
  run: (ctx: CommandContext, argument: string, values: OptionValues) => ReturnType<Command['run']>
}

/** A command with exactly one positional argument (a file, a model name, a job ID). */
export function oneArgumentCommand({ run, ...rest }: OneArgumentCommand): Command {
  return {
    ...rest,
    positionals: { min: 1, max: 1 },
    run: (ctx, { values, positionals }) => run(ctx, positionals[0], values)
  }
}

/** A command's one result: the value as JSON under --json, else `line` for a person. */
export function writeResult(ctx: CommandContext, result: unknown, line: string): void {
  ctx.write(ctx.json ? `${JSON.stringify(result)}\n` : `${line}\n`)
}

/** What a `db` command on one FILE declares: the core action on the data dir and FILE, and the
 *  line a person reads about its result (JSON under --json). */
export interface DataDirFileCommand<R> extends Omit<Command, 'positionals' | 'run' | 'usage'> {
  action: (dataDir: string, file: string) => Promise<R>
  describe: (result: R, file: string) => string
}

export function dataDirFileCommand<R>({
  action,
  describe,
  ...rest
}: DataDirFileCommand<R>): Command {
  return oneArgumentCommand({
    ...rest,
    usage: 'FILE',
    run: async (ctx, file) => {
      const result = await action(ctx.dataDir, file)
      writeResult(ctx, result, describe(result, file))
    }
  })
}

/** Bad command line: printed as `transcriptor: <message>`, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

/** A whole number in [min, max] or undefined when absent; anything else is a UsageError. */
export function intOption(
  values: OptionValues,
  name: string,
  min: number,
  max: number
): number | undefined {
  const raw = stringOption(values, name)
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${raw}'`)
  }
  return value
}
