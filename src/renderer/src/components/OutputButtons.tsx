// Open or reveal each output file a completed job wrote.
import { OUTPUT_FORMATS, parseOutputFiles, type JobRow, type OutputFormat } from '@shared/domain'
import { openOutput } from '../store/jobActions'

export function outputFormats(row: Pick<JobRow, 'output_files'>): OutputFormat[] {
  const files = parseOutputFiles(row.output_files)
  return OUTPUT_FORMATS.filter((f) => files[f] !== undefined)
}

export function OutputButtons({ row }: { row: JobRow }): React.JSX.Element | null {
  const formats = outputFormats(row)
  if (formats.length === 0) return null
  return (
    <div className="output-buttons">
      {formats.map((f) => (
        <span key={f} className="button-pair">
          <button onClick={() => void openOutput(row.id, f, false)}>Open .{f}</button>
          <button onClick={() => void openOutput(row.id, f, true)}>Reveal .{f}</button>
        </span>
      ))}
    </div>
  )
}
