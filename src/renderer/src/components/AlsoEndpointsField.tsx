// A local engine may also send chunks to the saved endpoints (JobOptions.alsoEndpoints).
import type { OptionsForm } from './OptionField'

export function AlsoEndpointsField({ form }: { form: OptionsForm }): React.JSX.Element {
  return (
    <fieldset className="field">
      <legend>Remote endpoints</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={form.value.alsoEndpoints ?? false}
          onChange={(e) => form.set('alsoEndpoints', e.target.checked)}
          data-testid={form.id('alsoEndpoints')}
        />
        Also send chunks to the saved endpoints
      </label>
      <span className="field-hint">
        these processes and the servers in Settings → Endpoints share each job
      </span>
    </fieldset>
  )
}
