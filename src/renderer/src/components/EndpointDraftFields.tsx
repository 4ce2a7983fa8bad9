// The inputs of a new endpoint: URL, model, requests at once, timeout per request, API key.
// The key field is write-only: once added, the key lives in the host's secret store and never
// comes back to the page.
import { DEFAULT_REQUEST_TIMEOUT_SECONDS } from '@shared/endpoints'
import type { EndpointDraft } from '../hooks/useEndpointDraft'
import { Field } from './Field'

export function EndpointDraftFields({ draft }: { draft: EndpointDraft }): React.JSX.Element {
  const { fields, set, urlProblem, timeoutProblem } = draft
  return (
    <>
      <Field
        id="endpoint-url"
        label="URL"
        error={urlProblem ?? undefined}
        hint="server root or its /v1, e.g. http://gpu-box:8000/v1"
      >
        <input
          id="endpoint-url"
          value={fields.url}
          placeholder="http://gpu-box:8000/v1"
          onChange={(e) => set.setUrl(e.target.value)}
          aria-invalid={urlProblem ? true : undefined}
          data-testid="endpoint-url"
        />
      </Field>
      <Field id="endpoint-model" label="Model" hint="as the server names it (whisper-1, base.en…)">
        <input
          id="endpoint-model"
          value={fields.model}
          onChange={(e) => set.setModel(e.target.value)}
          data-testid="endpoint-model"
        />
      </Field>
      <Field id="endpoint-concurrency" label="Requests at once" hint="1 – 64">
        <input
          id="endpoint-concurrency"
          type="number"
          min={1}
          max={64}
          value={fields.concurrency}
          onChange={(e) =>
            set.setConcurrency(Math.max(1, Math.min(64, Number(e.target.value) || 1)))
          }
          data-testid="endpoint-concurrency"
        />
      </Field>
      <Field
        id="endpoint-timeout"
        label="Timeout per request (s)"
        error={timeoutProblem}
        hint={`empty = ${DEFAULT_REQUEST_TIMEOUT_SECONDS} s; upload to last byte, more for a slow server or long chunks`}
      >
        <input
          id="endpoint-timeout"
          inputMode="numeric"
          value={fields.timeoutText}
          placeholder={String(DEFAULT_REQUEST_TIMEOUT_SECONDS)}
          onChange={(e) => set.setTimeoutText(e.target.value)}
          aria-invalid={timeoutProblem ? true : undefined}
          data-testid="endpoint-timeout"
        />
      </Field>
      <Field
        id="endpoint-key"
        label="API key (optional)"
        hint="stored apart (keychain in the app, a 0600 file otherwise); never shown again"
      >
        <input
          id="endpoint-key"
          type="password"
          autoComplete="off"
          value={fields.apiKey}
          onChange={(e) => set.setApiKey(e.target.value)}
          data-testid="endpoint-key"
        />
      </Field>
    </>
  )
}
