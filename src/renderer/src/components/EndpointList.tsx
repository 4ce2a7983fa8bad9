// The saved endpoints, each with what it is (model, concurrency, timeout, whether a key is
// stored, enabled or not), Test, Edit, Enable/Disable and Remove, and the result of its last Test.
import { useState } from 'react'
import {
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  endpointLabel,
  type EndpointCheck,
  type SavedEndpoint
} from '@shared/endpoints'
import type { Endpoints } from '../hooks/useEndpoints'
import { EndpointEditForm } from './EndpointEditForm'

function EndpointRow(props: {
  endpoint: SavedEndpoint
  check: EndpointCheck | 'testing' | undefined
  onTest: () => void
  onRemove: () => void
  onEdit: () => void
  onToggle: () => void
}): React.JSX.Element {
  const { endpoint: e, check } = props
  return (
    <li data-testid="endpoint-row" data-enabled={e.enabled}>
      <span className="endpoint-name">{endpointLabel(e.baseUrl)}</span>{' '}
      {!e.enabled && <span className="badge">disabled: no job uses it</span>}{' '}
      <span className="muted">
        model {e.model} · {e.concurrency} at once ·{' '}
        {e.timeoutSeconds === null
          ? `${DEFAULT_REQUEST_TIMEOUT_SECONDS} s per request (default)`
          : `${e.timeoutSeconds} s per request`}{' '}
        · {e.hasKey ? 'key stored' : 'no key'}
      </span>{' '}
      <button type="button" onClick={props.onTest} data-testid="endpoint-test">
        Test
      </button>{' '}
      <button type="button" onClick={props.onEdit} data-testid="endpoint-edit">
        Edit
      </button>{' '}
      <button type="button" onClick={props.onToggle} data-testid="endpoint-toggle">
        {e.enabled ? 'Disable' : 'Enable'}
      </button>{' '}
      <button type="button" onClick={props.onRemove} data-testid="endpoint-remove">
        Remove
      </button>
      {check && (
        <div
          role="status"
          className={check === 'testing' ? 'muted' : check.ok ? 'ok' : 'reason'}
          data-testid="endpoint-check"
        >
          {check === 'testing' ? 'Testing…' : `${check.ok ? 'OK' : 'Problem'}: ${check.detail}`}
        </div>
      )}
    </li>
  )
}

export function EndpointList({ saved }: { saved: Endpoints }): React.JSX.Element {
  const [editing, setEditing] = useState<number | null>(null)
  return (
    <ul className="endpoint-list" data-testid="endpoint-list">
      {saved.endpoints.length === 0 && <li className="muted">No endpoints yet.</li>}
      {saved.endpoints.map((e) =>
        editing === e.id ? (
          <li key={e.id} data-testid="endpoint-row">
            <EndpointEditForm endpoint={e} save={saved.update} onDone={() => setEditing(null)} />
          </li>
        ) : (
          <EndpointRow
            key={e.id}
            endpoint={e}
            check={saved.checks[e.id]}
            onTest={() => void saved.test(e.id)}
            onRemove={() => void saved.remove(e.id)}
            onEdit={() => setEditing(e.id)}
            onToggle={() => void saved.update({ id: e.id, enabled: !e.enabled })}
          />
        )
      )}
    </ul>
  )
}
