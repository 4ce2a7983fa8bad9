// Adds an endpoint: its fields, the Add button (enabled once they are valid), and the host's
// reason if it refused.
import { useState } from 'react'
import type { NewEndpoint } from '@shared/endpoints'
import { useEndpointDraft } from '../hooks/useEndpointDraft'
import { EndpointDraftFields } from './EndpointDraftFields'

export function EndpointForm(props: {
  add: (endpoint: NewEndpoint) => Promise<string | null>
  /** Called once an endpoint was added (the list reloads). */
  onAdded: () => Promise<void>
}): React.JSX.Element {
  const draft = useEndpointDraft()
  const [addError, setAddError] = useState<string | null>(null)
  const submit = async (): Promise<void> => {
    const refused = await props.add(draft.request())
    if (refused !== null) {
      setAddError(refused)
      return
    }
    draft.clear()
    setAddError(null)
    await props.onAdded()
  }
  return (
    <form
      className="option-grid endpoint-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (draft.canAdd) void submit()
      }}
    >
      <EndpointDraftFields draft={draft} />
      <div className="actions">
        <button type="submit" disabled={!draft.canAdd} data-testid="endpoint-add">
          Add endpoint
        </button>
        {addError && (
          <span className="reason" role="alert" data-testid="endpoint-add-error">
            {addError}
          </span>
        )}
      </div>
    </form>
  )
}
