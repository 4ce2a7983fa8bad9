// `transcriptor db restore FILE`: replaces the database file, so it runs with the database closed
// here, never through the service (which holds it open). It refuses while jobs run, a file that
// is not ours, newer or damaged, and keeps the database it replaces next to it.
import { dataDirFileCommand } from '../command'
import { restoreDatabase } from '../../core/db/backupRestore'

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
