import { writeResult, type Command } from '../command'
import { restoreDatabase } from '../../core/db/backupRestore'

/** Refuses while jobs run, a file that is not ours, newer or damaged; keeps what it replaces. */
const dbRestore: Command = {
  name: 'db restore',
  summary: 'replace the database with FILE (a backup); the replaced one is kept next to it',
  usage: 'FILE',
  positionals: { min: 1, max: 1 },
  run: async (ctx, { positionals }) => {
    const result = await restoreDatabase(ctx.dataDir, positionals[0])
    const kept = result.replacedKeptAt
      ? `; the replaced database is kept as ${result.replacedKeptAt}`
      : ''
    writeResult(
      ctx,
      result,
      `restored ${result.jobs} job(s), schema v${result.schemaVersion}, from ${positionals[0]} into ${result.path}${kept}`
    )
    return 0
  }
}
export default dbRestore
