import { dataDirFileCommand } from '../command'
import { restoreDatabase } from '../../core/db/backupRestore'

/** Refuses while jobs run, a file that is not ours, newer or damaged; keeps what it replaces. */
const dbRestore = dataDirFileCommand({
  name: 'db restore',
  summary: 'replace the database with FILE (a backup); the replaced one is kept next to it',
  action: restoreDatabase,
  describe: (result, file) => {
    const kept = result.replacedKeptAt
      ? `; the replaced database is kept as ${result.replacedKeptAt}`
      : ''
    return `restored ${result.jobs} job(s), schema v${result.schemaVersion}, from ${file} into ${result.path}${kept}`
  }
})
export default dbRestore
