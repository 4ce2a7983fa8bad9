// Finds the command, parses global + command flags strictly, runs it, and turns every failure
// into one line on stderr and a non-zero exit code (never a stack trace).
import { parseArgs } from 'node:util'
import { oneLineError } from '@shared/errors'
import { resolveDataDir } from '../core/paths'
import {
  createTranscriptionService,
  type TranscriptionService,
  type TranscriptionServiceOptions
} from '../core/service/transcriptionService'
import {
  COMMAND_FINISHED,
  UsageError,
  type Command,
  type CommandContext,
  type OptionSpecs
} from './command'
import * as registered from './commands'

export const commands: Command[] = Object.values(registered)

const GLOBAL_OPTIONS: OptionSpecs = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
}

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env
}

/** The service as the CLI opens it. A command runs in the user's own shell, so an endpoint may
 *  take its key from TRANSCRIPTOR_API_KEY there (cli/endpointOption.ts), for a job created, resumed
 *  or redone here alike; the app and the browser host never read their environment for a key. */
function cliServiceOptions(dataDir: string): TranscriptionServiceOptions {
  return { dataDir, envKeyAllowed: true }
}

/** Leading command words; global flags may come before or between them. */
function commandWords(argv: string[]): { words: string[]; indices: number[] } {
  const words: string[] = []
  const indices: number[] = []
  for (let i = 0; i < argv.length && words.length < 3; i++) {
    const token = argv[i]
    if (token === '--data-dir') i++
    else if (token.startsWith('--data-dir=') || ['--json', '--help', '-h'].includes(token)) continue
    else if (token.startsWith('-')) break
    else {
      words.push(token)
      indices.push(i)
    }
  }
  return { words, indices }
}

function findCommand(words: string[]): Command {
  for (let n = Math.min(words.length, 2); n >= 1; n--) {
    const found = commands.find((c) => c.name === words.slice(0, n).join(' '))
    if (found) return found
  }
  const group = commands.filter((c) => c.name.startsWith(`${words[0]} `))
  if (group.length > 0) {
    const subs = group.map((c) => c.name.split(' ')[1]).join(', ')
    const typed = words.slice(0, 2).join(' ')
    throw new UsageError(
      words.length > 1
        ? `unknown command '${typed}' ('${words[0]}' has: ${subs})`
        : `'${words[0]}' needs a subcommand: ${subs}`
    )
  }
  throw new UsageError(`unknown command '${words[0]}' (run 'transcriptor --help')`)
}

export function generalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'usage: transcriptor [--data-dir DIR] [--json] <command> [options]',
    '',
    'Local transcription that tracks and stops every process it starts.',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'global options:',
    '  --data-dir DIR  data folder (default: $TRANSCRIPTOR_HOME, else the app data dir)',
    '  --json          machine-readable output',
    '  -h, --help      help (also after a command)',
    ''
  ].join('\n')
}

function commandHelp(command: Command): string {
  const usage = `transcriptor [--data-dir DIR] [--json] ${command.name} ${command.usage}`.trimEnd()
  return `usage: ${usage}\n\n${command.summary}\n`
}

/** node:util parseArgs errors are long; keep the part a user needs on one line. */
function parseErrorMessage(error: unknown, command: Command): string {
  const code = (error as { code?: string }).code
  const message = oneLineError(error)
  const quoted = /'([^']+)'/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown option '${quoted}' for '${command.name}' (see 'transcriptor ${command.name} --help')`
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `unexpected argument '${quoted}' for '${command.name}'`
  }
  const missing = /^Option '(-\S+)/.exec(message)
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && missing && message.includes('missing')) {
    return `${missing[1]} needs a value`
  }
  return message
}

/** Runs one command line; resolves to the exit code and never rejects. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let service: TranscriptionService | undefined
  try {
    const { words, indices } = commandWords(argv)
    if (words.length === 0) {
      if (argv.includes('--help') || argv.includes('-h')) {
        io.stdout(generalHelp())
        return 0
      }
      throw new UsageError(
        argv.length === 0
          ? "no command given (run 'transcriptor --help')"
          : `unexpected '${argv[0]}' before the command (run 'transcriptor --help')`
      )
    }
    const command = findCommand(words)
    const nameLength = command.name.split(' ').length
    const rest = argv.filter((_, i) => !indices.slice(0, nameLength).includes(i))

    let parsed: ReturnType<typeof parseArgs>
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...GLOBAL_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true
      })
    } catch (error) {
      throw new UsageError(parseErrorMessage(error, command))
    }
    const { values, positionals } = parsed
    if (values.help) {
      io.stdout(commandHelp(command))
      return 0
    }
    const { min, max } = command.positionals ?? { min: 0, max: 0 }
    if (positionals.length > max) {
      throw new UsageError(`unexpected argument '${positionals[max]}' for '${command.name}'`)
    }
    if (positionals.length < min) {
      throw new UsageError(`'${command.name}' needs ${command.usage}`.trimEnd())
    }
    const dataDirFlag = values['data-dir']
    if (dataDirFlag === '') throw new UsageError('--data-dir needs a folder')

    const ctx: CommandContext = {
      dataDir: resolveDataDir(typeof dataDirFlag === 'string' ? dataDirFlag : undefined, io.env),
      json: values.json === true,
      write: io.stdout,
      service: () => (service ??= createTranscriptionService(cliServiceOptions(ctx.dataDir)))
    }
    return (await command.run(ctx, { values, positionals })) ?? 0
  } catch (error) {
    io.stderr(`transcriptor: ${oneLineError(error)}\n`)
    return error instanceof UsageError ? 2 : 1
  } finally {
    await service
      ?.shutdown(COMMAND_FINISHED)
      .catch((error: unknown) => io.stderr(`transcriptor: ${oneLineError(error)}\n`))
  }
}
