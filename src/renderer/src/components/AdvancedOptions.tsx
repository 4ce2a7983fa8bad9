// The Transcribe page's technical options (processes, workers, chunk, overlap, speech detection,
// formats, output folder), folded under "Advanced" with their current values in one line.
import { advancedSummary } from '../lib/optionsSummary'
import { AdvancedFields, type OptionFieldsProps } from './OptionFields'
import { Fold } from './Fold'

const ADVANCED_KEYS = [
  'processes',
  'workers',
  'chunkSeconds',
  'overlapSeconds',
  'vad',
  'formats',
  'outputDir'
] as const

export function AdvancedOptions(props: OptionFieldsProps): React.JSX.Element {
  return (
    <Fold
      title="Advanced"
      summary={advancedSummary(props.value)}
      invalid={ADVANCED_KEYS.some((k) => k in props.errors)}
      testId="advanced"
    >
      <div className="option-grid">
        <AdvancedFields {...props} />
      </div>
    </Fold>
  )
}
