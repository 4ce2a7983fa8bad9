// Settings → Endpoints: the OpenAI-compatible servers the `openai` engine spreads chunks over.
// Add (URL, model, concurrency, optional timeout and key), Test (reachable, authorised, model
// known), Remove.
// The key field is write-only: once added, the key lives in the host's secret store and never
// comes back to the page.
import { useEffect, useState } from 'react'
import {
  DEFAULT_ENDPOINT_MODEL,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  endpointLabel,
  endpointUrlProblem,
  type EndpointCheck,
  type SavedEndpoint
} from '@shared/endpoints'
import { getApi } from '../transport/getApi'
import { Field } from './OptionFields'

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** The timeout field: empty = the default; otherwise whole seconds, 1 – 86,400. */
function parseTimeout(text: string): { seconds?: number; problem?: string } {
  const trimmed = text.trim()
  if (trimmed === '') return {}
  const seconds = Number(trimmed)
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400)
    return { problem: 'whole seconds from 1 to 86400, or empty for the default' }
  return { seconds }
}

export function EndpointsSection(): React.JSX.Element {
  const [endpoints, setEndpoints] = useState<SavedEndpoint[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [checks, setChecks] = useState<Partial<Record<number, EndpointCheck | 'testing'>>>({})
  const [url, setUrl] = useState('')
  const [model, setModel] = useState(DEFAULT_ENDPOINT_MODEL)
  const [concurrency, setConcurrency] = useState(1)
  const [timeoutText, setTimeoutText] = useState('')
  const [apiKey, setApiKey] = useState('')
  const [addError, setAddError] = useState<string | null>(null)

  const reload = async (): Promise<void> => {
    try {
      setEndpoints(await getApi().endpoints.list({}))
      setLoadError(null)
    } catch (err) {
      setLoadError(errorText(err))
    }
  }
  useEffect(() => {
    void reload()
  }, [])

  const urlProblem = url.trim() ? endpointUrlProblem(url) : null
  const timeoutField = parseTimeout(timeoutText)
  const canAdd =
    url.trim() !== '' &&
    !urlProblem &&
    model.trim() !== '' &&
    concurrency >= 1 &&
    !timeoutField.problem

  const add = async (): Promise<void> => {
    try {
      await getApi().endpoints.add({
        baseUrl: url.trim(),
        model: model.trim(),
        concurrency,
        ...(timeoutField.seconds !== undefined && { timeoutSeconds: timeoutField.seconds }),
        ...(apiKey.trim() && { apiKey: apiKey.trim() })
      })
      setUrl('')
      setApiKey('')
      setTimeoutText('')
      setAddError(null)
      await reload()
    } catch (err) {
      setAddError(errorText(err))
    }
  }
  const test = async (id: number): Promise<void> => {
    setChecks((c) => ({ ...c, [id]: 'testing' }))
    try {
      const check = await getApi().endpoints.test({ id })
      setChecks((c) => ({ ...c, [id]: check }))
    } catch (err) {
      const failed: EndpointCheck = {
        ok: false,
        reachable: false,
        authorised: null,
        modelKnown: null,
        detail: errorText(err)
      }
      setChecks((c) => ({ ...c, [id]: failed }))
    }
  }
  const remove = async (id: number): Promise<void> => {
    try {
      await getApi().endpoints.remove({ id })
      await reload()
    } catch (err) {
      setLoadError(errorText(err))
    }
  }

  return (
    <section className="page endpoints-section" aria-labelledby="endpoints-title">
      <h2 id="endpoints-title">Endpoints (engine “openai”)</h2>
      <p className="muted">
        Servers speaking OpenAI&apos;s <code>POST /v1/audio/transcriptions</code> (OpenAI,
        whisper.cpp&apos;s whisper-server, speaches, vLLM, Groq, LocalAI). A job with engine openai
        spreads its chunks over all of them.
      </p>
      {loadError && <p className="reason">{loadError}</p>}
      <ul className="endpoint-list" data-testid="endpoint-list">
        {endpoints.length === 0 && <li className="muted">No endpoints yet.</li>}
        {endpoints.map((e) => {
          const check = checks[e.id]
          return (
            <li key={e.id} data-testid="endpoint-row">
              <span className="endpoint-name">{endpointLabel(e.baseUrl)}</span>{' '}
              <span className="muted">
                model {e.model} · {e.concurrency} at once ·{' '}
                {e.timeoutSeconds === null
                  ? `${DEFAULT_REQUEST_TIMEOUT_SECONDS} s per request (default)`
                  : `${e.timeoutSeconds} s per request`}{' '}
                · {e.hasKey ? 'key stored' : 'no key'}
              </span>{' '}
              <button type="button" onClick={() => void test(e.id)} data-testid="endpoint-test">
                Test
              </button>{' '}
              <button type="button" onClick={() => void remove(e.id)} data-testid="endpoint-remove">
                Remove
              </button>
              {check && (
                <div
                  role="status"
                  className={check === 'testing' ? 'muted' : check.ok ? 'ok' : 'reason'}
                  data-testid="endpoint-check"
                >
                  {check === 'testing'
                    ? 'Testing…'
                    : `${check.ok ? 'OK' : 'Problem'}: ${check.detail}`}
                </div>
              )}
            </li>
          )
        })}
      </ul>
      <form
        className="option-grid endpoint-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (canAdd) void add()
        }}
      >
        <Field
          id="endpoint-url"
          label="URL"
          error={urlProblem ?? undefined}
          hint="server root or its /v1, e.g. http://gpu-box:8000/v1"
        >
          <input
            id="endpoint-url"
            value={url}
            placeholder="http://gpu-box:8000/v1"
            onChange={(e) => setUrl(e.target.value)}
            aria-invalid={urlProblem ? true : undefined}
            data-testid="endpoint-url"
          />
        </Field>
        <Field
          id="endpoint-model"
          label="Model"
          hint="as the server names it (whisper-1, base.en…)"
        >
          <input
            id="endpoint-model"
            value={model}
            onChange={(e) => setModel(e.target.value)}
            data-testid="endpoint-model"
          />
        </Field>
        <Field id="endpoint-concurrency" label="Requests at once" hint="1 – 64">
          <input
            id="endpoint-concurrency"
            type="number"
            min={1}
            max={64}
            value={concurrency}
            onChange={(e) => setConcurrency(Math.max(1, Math.min(64, Number(e.target.value) || 1)))}
            data-testid="endpoint-concurrency"
          />
        </Field>
        <Field
          id="endpoint-timeout"
          label="Timeout per request (s)"
          error={timeoutField.problem}
          hint={`empty = ${DEFAULT_REQUEST_TIMEOUT_SECONDS} s; upload to last byte, more for a slow server or long chunks`}
        >
          <input
            id="endpoint-timeout"
            inputMode="numeric"
            value={timeoutText}
            placeholder={String(DEFAULT_REQUEST_TIMEOUT_SECONDS)}
            onChange={(e) => setTimeoutText(e.target.value)}
            aria-invalid={timeoutField.problem ? true : undefined}
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
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            data-testid="endpoint-key"
          />
        </Field>
        <div className="actions">
          <button type="submit" disabled={!canAdd} data-testid="endpoint-add">
            Add endpoint
          </button>
          {addError && (
            <span className="reason" role="alert" data-testid="endpoint-add-error">
              {addError}
            </span>
          )}
        </div>
      </form>
    </section>
  )
}
