// `transcriptor models pull NAME` | `models pull --url URL --sha1 HEX --name NAME`: the service
// downloads a model of either kind into the models folder, with progress here; Ctrl-C stops it
// and leaves a .part the next pull resumes.
import { statSync } from 'node:fs'
import { formatBytes } from '@shared/byteText'
import {
  CLI_CLIENT,
  UsageError,
  stringOption,
  type Command,
  type CommandContext,
  type OptionValues
} from '../command'
import { describeProgress, progressPrinter } from './progressBar'
import { onStopSignal } from '../stopSignal'

interface PullRequest {
  name: string
  from?: { url: string; sha1: string }
}

function pullRequest(values: OptionValues, positionals: string[]): PullRequest {
  const url = stringOption(values, 'url')
  const sha1 = stringOption(values, 'sha1')
  const name = url ? stringOption(values, 'name') : positionals[0]
  if (url && (!sha1 || !name || positionals.length > 0))
    throw new UsageError(
      'models pull --url needs --sha1 HEX and --name NAME (and no NAME argument)'
    )
  if (!name) throw new UsageError("'models pull' needs NAME (see 'transcriptor models list')")
  return url && sha1 ? { name, from: { url, sha1 } } : { name }
}

/** The pulled file as the service lists it: a model of another kind says which. */
async function writeInstalled(ctx: CommandContext, name: string, path: string): Promise<void> {
  const listing = await ctx.service().handlers['models.list']({}, CLI_CLIENT)
  const kind = listing.kinds.find((k) => k.installed?.path === path)?.kind
  const bytes = statSync(path).size
  const what = kind ? `verified ${kind} model` : 'verified'
  ctx.write(
    ctx.json
      ? `${JSON.stringify({ name, ...(kind && { kind }), path, bytes })}\n`
      : `${name}: ${what}, ${formatBytes(bytes)} → ${path}\n`
  )
}

async function pull(ctx: CommandContext, { name, from }: PullRequest): Promise<number> {
  const service = ctx.service()
  const printer = progressPrinter(process.stderr)
  const seen: { last: string | null } = { last: null }
  const off = service.on('models.progress', (batch) => {
    for (const p of batch.filter((b) => b.name === name)) {
      seen.last = describeProgress(p)
      if (!ctx.json) printer.update(p)
    }
  })
  const interrupted = onStopSignal(
    () => void service.handlers['models.cancel']({ name }, CLI_CLIENT)
  )
  try {
    const path = await service.pullModel(name, from)
    printer.end()
    await writeInstalled(ctx, name, path)
    return 0
  } catch (err) {
    printer.end()
    if ((err as Error).message === 'cancelled') {
      process.stderr.write(
        `transcriptor: ${name}: cancelled${seen.last ? ` at ${seen.last}` : ''}; run the same pull again to resume\n`
      )
      return 130
    }
    throw err
  } finally {
    off()
    interrupted.off()
  }
}

const modelsPull: Command = {
  name: 'models pull',
  summary: 'download a whisper model (resumes, verifies SHA-1); Ctrl-C keeps a resumable .part',
  usage: 'NAME | --url URL --sha1 HEX --name NAME',
  positionals: { min: 0, max: 1 },
  options: { url: { type: 'string' }, sha1: { type: 'string' }, name: { type: 'string' } },
  run: (ctx, { values, positionals }) => pull(ctx, pullRequest(values, positionals))
}
export default modelsPull
