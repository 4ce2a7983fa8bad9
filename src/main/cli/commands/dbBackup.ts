import { oneArgumentCommand, writeResult } from '../command'
import { backupDatabase } from '../../core/db/backupRestore'

/** An online copy (SQLite's backup API): safe while the app or a job writes. */
const dbBackup = oneArgumentCommand({
  name: 'db backup',
  summary: 'write an online backup of the database to FILE',
  usage: 'FILE',
  run: async (ctx, file) => {
    const result = await backupDatabase(ctx.dataDir, file)
    writeResult(
      ctx,
      result,
      `backed up ${result.jobs} job(s), schema v${result.schemaVersion}, to ${result.path} (${result.bytes} bytes)`
    )
  }
})
export default dbBackup
