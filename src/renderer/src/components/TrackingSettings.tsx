// Settings → Running and tracking jobs: how many jobs run at once, when an orphaned job is
// stopped, and whether leaving a page stops its jobs.
import type { Settings } from '@shared/domain'
import { parseNumberInput } from '../lib/formErrors'
import { Field } from './Field'

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

export function TrackingSettings(props: Props): React.JSX.Element {
  return (
    <>
      <h2>Running and tracking jobs</h2>
      <div className="option-grid">
        <NumberSetting
          {...props}
          name="concurrentJobs"
          label="Jobs at once"
          hint="the rest wait as queued (1 – 16)"
        />
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
        name="autoStopOnLeave"
        label="Stop my jobs when I leave the page that started them (unless kept in background)"
      />
      <CheckSetting
        {...props}
        name="processTracking"
        label="Process tracking (register, heartbeat and clean up orphaned processes)"
      />
    </>
  )
}
