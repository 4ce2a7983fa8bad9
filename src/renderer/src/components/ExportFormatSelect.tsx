// The export-format picker shared by the transcript's Download and History's zip export.
import { EXPORT_DETAILS, EXPORT_FORMATS, type ExportFormat } from '../lib/transcriptExport'

export function ExportFormatSelect({
  value,
  onChange,
  label,
  testId
}: {
  value: ExportFormat
  onChange: (format: ExportFormat) => void
  /** Read by screen readers only: the select has no visible caption. */
  label: string
  testId: string
}): React.JSX.Element {
  return (
    <label className="export-format">
      <span className="visually-hidden">{label}</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value as ExportFormat)}
        data-testid={testId}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {EXPORT_DETAILS[f].label}
          </option>
        ))}
      </select>
    </label>
  )
}
