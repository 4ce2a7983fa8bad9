import { oneArgumentCommand, writeResult } from '../command'
import { restoreDatabase } from '../../core/db/backupRestore'

/** Refuses while jobs run, a file that is not ours, newer or damaged; keeps what it replaces. */
const dbRestore = oneArgumentCommand({
  name: 'db restore',
  summary: 'replace the database with FILE (a backup); the replaced one is kept next to it',
  usage: 'FILE',
  run: async (ctx, file) => {
    const result = await restoreDatabase(ctx.dataDir, file)
    const kept = result.replacedKeptAt
      ? `; the replaced database is kept as ${result.replacedKeptAt}`
      : ''
    writeResult(
      ctx,
      result,
      `restored ${result.jobs} job(s), schema v${result.schemaVersion}, from ${file} into ${result.path}${kept}`
    )
  }
})
export default dbRestore
