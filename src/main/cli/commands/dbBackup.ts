// `transcriptor db backup FILE`: an online copy (SQLite's backup API), safe while the app or a
// job writes. Not through the service, which creates and migrates the database as it opens it:
// a backup copies the file read-only at the schema it has (the copy kept before an upgrade), and
// there is nothing to back up where no database exists yet.
import { dataDirFileCommand } from '../command'
import { backupDatabase } from '../../core/db/backupRestore'

const dbBackup = dataDirFileCommand({
  name: 'db backup',
  summary: 'write an online backup of the database to FILE',
  action: backupDatabase,
  describe: (result) =>
    `backed up ${result.jobs} job(s), schema v${result.schemaVersion}, to ${result.path} (${result.bytes} bytes)`
})
export default dbBackup
