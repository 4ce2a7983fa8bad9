// Settings → Transcript editor: below which engine confidence a word is underlined as doubtful
// (the rule: src/shared/doubtfulWords.ts). Shown in percent, stored as 0–1.
import type { Settings } from '@shared/domain'
import { parseNumberInput } from '../lib/formErrors'
import { Field } from './Field'

export function EditorSettings(props: {
  draft: Settings
  error: string | undefined
  change: (next: Partial<Settings>) => void
}): React.JSX.Element {
  const percent = props.draft.doubtfulBelow * 100
  return (
    <>
      <h2>Transcript editor</h2>
      <div className="option-grid">
        <Field
          id="settings-doubtfulBelow"
          label="Doubtful below confidence (%)"
          error={props.error}
          hint="words the engine was less sure of are underlined; 0 = none (0 – 100)"
        >
          <input
            id="settings-doubtfulBelow"
            type="number"
            min={0}
            max={100}
            step={5}
            value={Number.isNaN(percent) ? '' : Math.round(percent * 100) / 100}
            onChange={(e) =>
              props.change({ doubtfulBelow: parseNumberInput(e.target.value) / 100 })
            }
            aria-invalid={props.error ? true : undefined}
            data-testid="settings-doubtfulBelow"
          />
        </Field>
      </div>
    </>
  )
}
