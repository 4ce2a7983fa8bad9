// Settings → Running jobs: how many run at once and whether leaving a page stops them; the
// process internals (orphan timeout, heartbeat, process tracking) folded under "Advanced" with
// their values in one line, since a user rarely needs them.
import type { Settings } from '@shared/domain'
import { parseNumberInput } from '../lib/formErrors'
import { Field } from './Field'
import { Fold } from './Fold'

type Numeric = 'concurrentJobs' | 'orphanTimeoutSeconds' | 'heartbeatIntervalSeconds'

interface Props {
  draft: Settings
  errors: Record<string, string>
  change: (next: Partial<Settings>) => void
}

function NumberSetting(
  props: Props & { name: Numeric; label: string; hint: string }
): React.JSX.Element {
  const { draft, name } = props
  return (
    <Field id={`settings-${name}`} label={props.label} error={props.errors[name]} hint={props.hint}>
      <input
        id={`settings-${name}`}
        type="number"
        value={Number.isNaN(draft[name]) ? '' : draft[name]}
        onChange={(e) => props.change({ [name]: parseNumberInput(e.target.value) })}
      />
    </Field>
  )
}

function CheckSetting(
  props: Omit<Props, 'errors'> & { name: 'autoStopOnLeave' | 'processTracking'; label: string }
): React.JSX.Element {
  const { name } = props
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={props.draft[name]}
        onChange={(e) => props.change({ [name]: e.target.checked })}
        data-testid={`settings-${name}`}
      />
      {props.label}
    </label>
  )
}

function internalsSummary(draft: Settings): string {
  const tracking = draft.processTracking ? 'tracking on' : 'tracking off'
  return `${tracking} · heartbeat ${draft.heartbeatIntervalSeconds} s · orphans stopped after ${draft.orphanTimeoutSeconds} s`
}

export function TrackingSettings(props: Props): React.JSX.Element {
  const internalsInvalid =
    'orphanTimeoutSeconds' in props.errors || 'heartbeatIntervalSeconds' in props.errors
  return (
    <>
      <h2>Running jobs</h2>
      <div className="option-grid">
        <NumberSetting
          {...props}
          name="concurrentJobs"
          label="Jobs at once"
          hint="the rest wait as queued (1 – 16)"
        />
      </div>
      <CheckSetting
        {...props}
        name="autoStopOnLeave"
        label="Stop my jobs when I leave the page that started them (unless kept in background)"
      />
      <Fold
        title="Advanced: process internals"
        summary={internalsSummary(props.draft)}
        invalid={internalsInvalid}
        testId="settings-advanced"
      >
        <div className="option-grid">
          <NumberSetting
            {...props}
            name="orphanTimeoutSeconds"
            label="Orphan timeout (s)"
            hint="a job whose owner stops heartbeating this long is stopped (30 – 86400)"
          />
          <NumberSetting
            {...props}
            name="heartbeatIntervalSeconds"
            label="Heartbeat interval (s)"
            hint="1 – 60"
          />
        </div>
        <CheckSetting
          {...props}
          name="processTracking"
          label="Process tracking (register, heartbeat and clean up orphaned processes)"
        />
      </Fold>
    </>
  )
}
