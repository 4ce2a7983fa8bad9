// `transcriptor models list [--json]`: the catalog with sizes and what is installed here.
import { CLI_CLIENT, type Command } from '../command'
import { formatBytes } from '@shared/byteText'
import { otherKindsText } from '../kindList'

const modelsList: Command = {
  name: 'models list',
  summary: 'models of every kind: the catalogs, sizes, kinds, licences and what is installed',
  usage: '',
  run: async (ctx) => {
    const listing = await ctx.service().handlers['models.list']({}, CLI_CLIENT)
    if (ctx.json) {
      ctx.write(`${JSON.stringify(listing, null, 2)}\n`)
      return 0
    }
    const width = Math.max(...listing.catalog.map((m) => m.name.length))
    for (const m of listing.catalog) {
      const state = m.installed ? 'installed' : m.download ? 'downloading' : ''
      const note = `${m.languages}${m.recommended ? ', recommended' : ''}`
      ctx.write(
        `${m.name.padEnd(width)}  ${m.sizeLabel.padStart(8)}  ${state.padEnd(11)}  whisper  ${note}\n`
      )
    }
    for (const m of listing.others)
      ctx.write(
        `${m.name.padEnd(width)}  ${formatBytes(m.bytes).padStart(8)}  installed    (not in the catalog)\n`
      )
    ctx.write(otherKindsText(listing.kinds, width))
    ctx.write(`models folder: ${listing.modelsDir}\ndownloads from: ${listing.baseUrl}\n`)
    return 0
  }
}
export default modelsList
