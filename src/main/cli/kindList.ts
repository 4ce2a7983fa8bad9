// `models list`: the rows of the other kinds (vad, segmentation, embedding) under whisper's, with
// kind, licence and whether each is installed; then installed files the catalog does not know.
// The rows are the service's (models.list), as Settings → Models shows them.
import type { KindModelRow } from '@shared/models'

export function otherKindsText(rows: KindModelRow[], whisperWidth: number): string {
  const catalog = rows.filter((m) => m.source !== null)
  const width = Math.max(whisperWidth, ...catalog.map((m) => m.name.length))
  const lines = catalog.map((m) => {
    const state = m.installed ? 'installed' : ''
    const pull = m.pullable ? '' : ', import only'
    return `${m.name.padEnd(width)}  ${m.sizeLabel.padStart(8)}  ${state.padEnd(11)}  ${m.kind}  ${m.licence}${pull}`
  })
  for (const m of rows.filter((r) => r.source === null))
    lines.push(
      `${m.name.padEnd(width)}  ${m.sizeLabel.padStart(8)}  installed    ${m.kind}  (not in the catalog)`
    )
  return lines.map((l) => `${l}\n`).join('')
}
