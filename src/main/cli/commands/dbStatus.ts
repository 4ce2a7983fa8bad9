// `transcriptor db status`: the database file's schema as it is. Not through the service, which
// creates and migrates the database as it opens it: this reads a file not created yet, one with
// migrations pending, or one the service refuses to open, and changes none of them.
import { dataPaths } from '../../core/paths'
import { schemaStatus } from '../../core/db/migrations'
import type { Command } from '../command'

const dbStatus: Command = {
  name: 'db status',
  summary: 'database path, schema version, latest version, pending migrations',
  usage: '',
  run: (ctx) => {
    const status = schemaStatus(dataPaths(ctx.dataDir).database)
    if (ctx.json) {
      ctx.write(`${JSON.stringify(status, null, 2)}\n`)
      return
    }
    ctx.write(
      [
        `database:        ${status.path}${status.exists ? '' : ' (not created yet)'}`,
        `schema version:  ${status.version}`,
        `latest version:  ${status.latest}`,
        `pending:         ${status.pending.length ? status.pending.join(', ') : 'none'}`
      ].join('\n') + '\n'
    )
  }
}
export default dbStatus
