// Who said what, chosen per job beside the engine: off, found automatically, or a known number of
// people (a known count is the more reliable for an interview or a panel). The speaker step runs
// over the whole file whatever the engine; it needs the segmentation and embedding models
// (Settings → Speaker models).
import type { SpeakersChoice } from '@shared/domain'
import { Field } from './Field'
import type { OptionsForm } from './OptionField'

const COUNTS = [2, 3, 4, 5, 6, 8, 10] as const

const asChoice = (raw: string): SpeakersChoice =>
  raw === 'off' || raw === 'auto' ? raw : Number(raw)

export function SpeakersField({ form }: { form: OptionsForm }): React.JSX.Element {
  const id = form.id('speakers')
  const value = form.value.speakers ?? 'off'
  return (
    <Field
      id={id}
      label="Speakers"
      error={form.errors.speakers}
      hint={value === 'off' ? 'one voice for the whole file' : 'labels each line with who said it'}
    >
      <select
        id={id}
        value={String(value)}
        onChange={(e) => form.set('speakers', asChoice(e.target.value))}
      >
        <option value="off">Off</option>
        <option value="auto">Find them</option>
        {COUNTS.map((n) => (
          <option key={n} value={n}>
            {n} people
          </option>
        ))}
        {typeof value === 'number' && !(COUNTS as readonly number[]).includes(value) && (
          <option value={value}>{value === 1 ? '1 person' : `${value} people`}</option>
        )}
      </select>
    </Field>
  )
}
