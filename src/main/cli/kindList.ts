// `models list`: the rows of the other kinds (vad, segmentation, embedding) under whisper's, with
// kind, licence and whether each is installed; then installed files the catalog does not know.
import { formatBytes } from '@shared/byteText'
import { KIND_CATALOG } from '../core/models/kindCatalog'
import { installedKindModels } from '../core/models/kindModels'

export async function otherKindsText(modelsDir: string, whisperWidth: number): Promise<string> {
  const installed = await installedKindModels(modelsDir)
  const width = Math.max(whisperWidth, ...KIND_CATALOG.map((m) => m.name.length))
  const has = (kind: string, name: string): boolean =>
    installed.some((m) => m.kind === kind && m.name === name)
  const lines = KIND_CATALOG.map((m) => {
    const state = has(m.kind, m.name) ? 'installed' : ''
    const pull = m.sha1 ? '' : ', import only'
    return `${m.name.padEnd(width)}  ${m.sizeLabel.padStart(8)}  ${state.padEnd(11)}  ${m.kind}  ${m.licence}${pull}`
  })
  for (const m of installed)
    if (!KIND_CATALOG.some((c) => c.kind === m.kind && c.name === m.name))
      lines.push(
        `${m.name.padEnd(width)}  ${formatBytes(m.bytes).padStart(8)}  installed    ${m.kind}  (not in the catalog)`
      )
  return lines.map((l) => `${l}\n`).join('')
}
