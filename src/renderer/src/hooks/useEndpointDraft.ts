// The endpoint being added in Settings → Endpoints: its fields as typed, each checked as you type,
// and the request they make once they are all valid.
import { useState } from 'react'
import {
  DEFAULT_ENDPOINT_MODEL,
  endpointUrlProblem,
  parseRequestTimeout,
  withEndpointScheme,
  type NewEndpoint,
  type SavedEndpoint
} from '@shared/endpoints'

export interface EndpointDraft {
  fields: { url: string; model: string; concurrency: number; timeoutText: string; apiKey: string }
  set: {
    setUrl: (url: string) => void
    setModel: (model: string) => void
    setConcurrency: (concurrency: number) => void
    setTimeoutText: (text: string) => void
    setApiKey: (key: string) => void
  }
  urlProblem: string | null
  /** A URL typed without a scheme, said as it will be used ("read as http://gpu-box:8000"). */
  urlNote: string | undefined
  timeoutProblem: string | undefined
  /** Every field valid: the request can be sent. */
  canAdd: boolean
  request: () => NewEndpoint
  clear: () => void
}

/** An empty draft (Add), or one filled from a saved endpoint (Edit; its key never comes back). */
export function useEndpointDraft(saved?: SavedEndpoint): EndpointDraft {
  const [url, setUrl] = useState(saved?.baseUrl ?? '')
  const [model, setModel] = useState(saved?.model ?? DEFAULT_ENDPOINT_MODEL)
  const [concurrency, setConcurrency] = useState(saved?.concurrency ?? 1)
  const [timeoutText, setTimeoutText] = useState(saved?.timeoutSeconds?.toString() ?? '')
  const [apiKey, setApiKey] = useState('')

  const urlProblem = url.trim() ? endpointUrlProblem(url) : null
  const schemed = withEndpointScheme(url)
  const urlNote =
    !urlProblem && schemed !== url.trim()
      ? `no scheme given: read as ${schemed} (type https:// for TLS)`
      : undefined
  const timeoutField = parseRequestTimeout(timeoutText)
  const canAdd =
    url.trim() !== '' &&
    !urlProblem &&
    model.trim() !== '' &&
    concurrency >= 1 &&
    !timeoutField.problem

  const request = (): NewEndpoint => ({
    baseUrl: url.trim(),
    model: model.trim(),
    concurrency,
    ...(timeoutField.seconds !== undefined && { timeoutSeconds: timeoutField.seconds }),
    ...(apiKey.trim() && { apiKey: apiKey.trim() })
  })
  /** After an add: the model and concurrency stay for the next endpoint, the rest is cleared. */
  const clear = (): void => {
    setUrl('')
    setApiKey('')
    setTimeoutText('')
  }
  return {
    fields: { url, model, concurrency, timeoutText, apiKey },
    set: { setUrl, setModel, setConcurrency, setTimeoutText, setApiKey },
    urlProblem,
    urlNote,
    timeoutProblem: timeoutField.problem,
    canAdd,
    request,
    clear
  }
}
