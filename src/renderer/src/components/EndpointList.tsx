// The saved endpoints, each with what it is (model, concurrency, timeout, whether a key is
// stored), Test and Remove, and the result of its last Test.
import {
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  endpointLabel,
  type EndpointCheck,
  type SavedEndpoint
} from '@shared/endpoints'

function EndpointRow(props: {
  endpoint: SavedEndpoint
  check: EndpointCheck | 'testing' | undefined
  onTest: () => void
  onRemove: () => void
}): React.JSX.Element {
  const { endpoint: e, check } = props
  return (
    <li data-testid="endpoint-row">
      <span className="endpoint-name">{endpointLabel(e.baseUrl)}</span>{' '}
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

export function EndpointList(props: {
  endpoints: SavedEndpoint[]
  checks: Partial<Record<number, EndpointCheck | 'testing'>>
  test: (id: number) => Promise<void>
  remove: (id: number) => Promise<void>
}): React.JSX.Element {
  return (
    <ul className="endpoint-list" data-testid="endpoint-list">
      {props.endpoints.length === 0 && <li className="muted">No endpoints yet.</li>}
      {props.endpoints.map((e) => (
        <EndpointRow
          key={e.id}
          endpoint={e}
          check={props.checks[e.id]}
          onTest={() => void props.test(e.id)}
          onRemove={() => void props.remove(e.id)}
        />
      ))}
    </ul>
  )
}
