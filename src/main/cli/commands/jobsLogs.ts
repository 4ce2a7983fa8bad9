// `transcriptor jobs logs ID [--lines N] [--follow]`: the tail comes from the service (jobs.logs,
// what the job page shows); --follow reads the log file itself, because the job may run in
// another process (the app, another command) whose log lines reach no event of this one.
import { open, stat } from 'node:fs/promises'
import { isTerminalStatus } from '@shared/domain'
import { CLI_CLIENT, intOption, type CommandContext } from '../command'
import { jobLogPath } from '../../core/paths'
import { LineSplitter } from '../../os/lineSplitter'
import { sleep } from '../../os/sleep'
import { jobCommand } from './jobsShow'

const FOLLOW_POLL_MS = 250

/**
 * Prints what is appended to the log until the job is no longer queued/processing. A rotation
 * (the file got smaller) restarts from the top of the new file.
 */
async function follow(ctx: CommandContext, jobId: number, path: string): Promise<void> {
  let position = (await stat(path).catch(() => null))?.size ?? 0
  const splitter = new LineSplitter()
  const print = (lines: string[]): void => {
    if (lines.length === 0) return
    ctx.write(ctx.json ? `${JSON.stringify({ jobId, lines })}\n` : `${lines.join('\n')}\n`)
  }
  for (;;) {
    const size = (await stat(path).catch(() => null))?.size ?? 0
    if (size < position) position = 0
    if (size > position) {
      const handle = await open(path, 'r')
      try {
        const buffer = Buffer.alloc(Math.min(size - position, 4 * 1024 * 1024))
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position)
        position += bytesRead
        print(splitter.push(buffer.subarray(0, bytesRead)))
      } finally {
        await handle.close()
      }
      continue
    }
    const status = (await ctx.service().handlers['jobs.get']({ id: jobId }, CLI_CLIENT))?.status
    if (status === undefined || isTerminalStatus(status)) {
      print(splitter.flush())
      return
    }
    await sleep(FOLLOW_POLL_MS)
  }
}

const jobsLogs = jobCommand({
  name: 'jobs logs',
  summary: "the last lines of a job's log; --follow prints new lines until the job ends",
  usage: '[--lines N] [--follow]',
  options: { lines: { type: 'string', short: 'n' }, follow: { type: 'boolean', short: 'f' } },
  run: async (ctx, job, values) => {
    const { id } = job
    const lines = intOption(values, 'lines', 0, 1_000_000) ?? 50
    const path = job.log_file_path ?? jobLogPath(ctx.dataDir, id)
    const exists = await stat(path).then(
      () => true,
      () => false
    )
    if (!exists && !values.follow) throw new Error(`job ${id} has no log yet (${path})`)
    const tail =
      lines > 0 ? await ctx.service().handlers['jobs.logs']({ id, lines }, CLI_CLIENT) : []
    if (ctx.json && !values.follow)
      ctx.write(`${JSON.stringify({ jobId: id, path, lines: tail })}\n`)
    else if (tail.length > 0)
      ctx.write(
        ctx.json ? `${JSON.stringify({ jobId: id, lines: tail })}\n` : `${tail.join('\n')}\n`
      )
    if (values.follow) await follow(ctx, id, path)
  }
})
export default jobsLogs
