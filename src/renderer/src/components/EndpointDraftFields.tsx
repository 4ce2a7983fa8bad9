// The inputs of a new endpoint: URL, model, requests at once, timeout per request, API key.
// The key field is write-only: once added, the key lives in the host's secret store and never
// comes back to the page.
import { DEFAULT_REQUEST_TIMEOUT_SECONDS } from '@shared/endpoints'
import type { EndpointDraft } from '../hooks/useEndpointDraft'
import { Field } from './Field'

const KEY_HINT = 'stored apart (keychain in the app, a 0600 file otherwise); never shown again'

interface Props {
  draft: EndpointDraft
  /** Element ids and test ids (`endpoint-url`); an edit form uses its own. */
  prefix?: string
  keyHint?: string
}

export function EndpointDraftFields({
  draft,
  prefix = 'endpoint',
  keyHint = KEY_HINT
}: Props): React.JSX.Element {
  const { fields, set, urlProblem, timeoutProblem } = draft
  return (
    <>
      <Field
        id={`${prefix}-url`}
        label="URL"
        error={urlProblem ?? undefined}
        hint={draft.urlNote ?? 'server root or its /v1, e.g. http://gpu-box:8000/v1'}
      >
        <input
          id={`${prefix}-url`}
          value={fields.url}
          placeholder="http://gpu-box:8000/v1"
          onChange={(e) => set.setUrl(e.target.value)}
          aria-invalid={urlProblem ? true : undefined}
          data-testid={`${prefix}-url`}
        />
      </Field>
      <Field
        id={`${prefix}-model`}
        label="Model"
        hint="as the server names it (whisper-1, base.en…)"
      >
        <input
          id={`${prefix}-model`}
          value={fields.model}
          onChange={(e) => set.setModel(e.target.value)}
          data-testid={`${prefix}-model`}
        />
      </Field>
      <Field id={`${prefix}-concurrency`} label="Requests at once" hint="1 – 64">
        <input
          id={`${prefix}-concurrency`}
          type="number"
          min={1}
          max={64}
          value={fields.concurrency}
          onChange={(e) =>
            set.setConcurrency(Math.max(1, Math.min(64, Number(e.target.value) || 1)))
          }
          data-testid={`${prefix}-concurrency`}
        />
      </Field>
      <Field
        id={`${prefix}-timeout`}
        label="Timeout per request (s)"
        error={timeoutProblem}
        hint={`empty = ${DEFAULT_REQUEST_TIMEOUT_SECONDS} s; upload to last byte, more for a slow server or long chunks`}
      >
        <input
          id={`${prefix}-timeout`}
          inputMode="numeric"
          value={fields.timeoutText}
          placeholder={String(DEFAULT_REQUEST_TIMEOUT_SECONDS)}
          onChange={(e) => set.setTimeoutText(e.target.value)}
          aria-invalid={timeoutProblem ? true : undefined}
          data-testid={`${prefix}-timeout`}
        />
      </Field>
      <Field id={`${prefix}-key`} label="API key (optional)" hint={keyHint}>
        <input
          id={`${prefix}-key`}
          type="password"
          autoComplete="off"
          value={fields.apiKey}
          onChange={(e) => set.setApiKey(e.target.value)}
          data-testid={`${prefix}-key`}
        />
      </Field>
    </>
  )
}
