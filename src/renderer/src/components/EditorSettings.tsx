// Settings → Transcript editor: below which engine confidence a word is underlined as doubtful
// (the rule: src/shared/doubtfulWords.ts). Shown in percent, stored as 0–1.
import { parseNumberInput } from '../lib/formErrors'
import { OneSettingSection, type OneSettingProps } from './OneSettingSection'

export function EditorSettings(props: OneSettingProps): React.JSX.Element {
  const percent = props.draft.doubtfulBelow * 100
  return (
    <OneSettingSection
      heading="Transcript editor"
      name="doubtfulBelow"
      label="Doubtful below confidence (%)"
      error={props.error}
      hint="words the engine was less sure of are underlined; 0 = none (0 – 100)"
      input={{
        type: 'number',
        min: 0,
        max: 100,
        step: 5,
        value: Number.isNaN(percent) ? '' : Math.round(percent * 100) / 100,
        onChange: (e) => props.change({ doubtfulBelow: parseNumberInput(e.target.value) / 100 })
      }}
    />
  )
}
