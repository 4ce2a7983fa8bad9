// Settings → Endpoints → Edit: every field of a saved endpoint, the key included (a new key
// replaces the stored one; an empty field keeps it; "Remove the stored key" drops it). Saved under
// the same id, so the endpoint keeps its place and its jobs' references.
import { useState } from 'react'
import type { EndpointChange, SavedEndpoint } from '@shared/endpoints'
import { useEndpointDraft } from '../hooks/useEndpointDraft'
import { EndpointDraftFields } from './EndpointDraftFields'

export function EndpointEditForm(props: {
  endpoint: SavedEndpoint
  save: (change: EndpointChange) => Promise<string | null>
  onDone: () => void
}): React.JSX.Element {
  const { endpoint } = props
  const draft = useEndpointDraft(endpoint)
  const [removeKey, setRemoveKey] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (): Promise<void> => {
    const { apiKey, timeoutSeconds, ...fields } = draft.request()
    const refused = await props.save({
      id: endpoint.id,
      ...fields,
      timeoutSeconds: timeoutSeconds ?? null,
      ...(removeKey ? { apiKey: null } : apiKey ? { apiKey } : {})
    })
    if (refused === null) props.onDone()
    else setError(refused)
  }
  const prefix = `endpoint-edit-${endpoint.id}`
  return (
    <form
      className="option-grid endpoint-form"
      aria-label={`Edit ${endpoint.baseUrl}`}
      onSubmit={(e) => {
        e.preventDefault()
        if (draft.canAdd) void submit()
      }}
    >
      <EndpointDraftFields
        draft={draft}
        prefix={prefix}
        keyHint={
          endpoint.hasKey ? 'empty = keep the stored key; type a new one to replace it' : 'optional'
        }
      />
      {endpoint.hasKey && (
        <label className="check field">
          <input
            type="checkbox"
            checked={removeKey}
            onChange={(e) => setRemoveKey(e.target.checked)}
            data-testid={`${prefix}-remove-key`}
          />
          Remove the stored key
        </label>
      )}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={!draft.canAdd}
          data-testid={`${prefix}-save`}
        >
          Save
        </button>
        <button type="button" onClick={props.onDone}>
          Cancel
        </button>
        {error && (
          <span className="reason" role="alert" data-testid={`${prefix}-error`}>
            {error}
          </span>
        )}
      </div>
    </form>
  )
}
