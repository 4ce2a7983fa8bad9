// Each output file a completed job wrote: Open and Reveal in the Electron app; Download and Copy
// path in the browser host, whose page cannot reach the desktop (lib/hostKind.ts).
import { OUTPUT_FORMATS, parseOutputFiles, type JobRow, type OutputFormat } from '@shared/domain'
import { openOutput } from '../store/jobActions'
import { copyOutputPath, downloadOutput } from '../store/outputActions'
import { hostOpensFiles } from '../lib/hostKind'
import { getApi } from '../transport/getApi'

export function outputFormats(row: Pick<JobRow, 'output_files'>): OutputFormat[] {
  const files = parseOutputFiles(row.output_files)
  return OUTPUT_FORMATS.filter((f) => files[f] !== undefined)
}

export function OutputButtons({ row }: { row: JobRow }): React.JSX.Element | null {
  const formats = outputFormats(row)
  if (formats.length === 0) return null
  const desktop = hostOpensFiles(getApi())
  return (
    <div className="output-buttons" data-testid="output-buttons">
      {formats.map((f) =>
        desktop ? (
          <span key={f} className="button-pair">
            <button onClick={() => void openOutput(row.id, f, false)}>Open .{f}</button>
            <button onClick={() => void openOutput(row.id, f, true)}>Reveal .{f}</button>
          </span>
        ) : (
          <span key={f} className="button-pair">
            <button onClick={() => void downloadOutput(row, f)}>Download .{f}</button>
            <button onClick={() => void copyOutputPath(row, f)}>Copy path .{f}</button>
          </span>
        )
      )}
    </div>
  )
}
