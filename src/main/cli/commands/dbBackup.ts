import { writeResult, type Command } from '../command'
import { backupDatabase } from '../../core/db/backupRestore'

/** An online copy (SQLite's backup API): safe while the app or a job writes. */
const dbBackup: Command = {
  name: 'db backup',
  summary: 'write an online backup of the database to FILE',
  usage: 'FILE',
  positionals: { min: 1, max: 1 },
  run: async (ctx, { positionals }) => {
    const result = await backupDatabase(ctx.dataDir, positionals[0])
    writeResult(
      ctx,
      result,
      `backed up ${result.jobs} job(s), schema v${result.schemaVersion}, to ${result.path} (${result.bytes} bytes)`
    )
    return 0
  }
}
export default dbBackup
