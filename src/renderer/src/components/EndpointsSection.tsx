// Settings → Endpoints: the OpenAI-compatible servers the endpoint engine (`openai`) spreads chunks over.
// Add (URL, model, concurrency, optional timeout and key), Test (reachable, authorised, model
// known), Edit, Enable/Disable, Remove.
import { useEndpoints } from '../hooks/useEndpoints'
import { EndpointForm } from './EndpointForm'
import { EndpointList } from './EndpointList'

export function EndpointsSection(): React.JSX.Element {
  const saved = useEndpoints()
  return (
    <section className="page endpoints-section" aria-labelledby="endpoints-title">
      <h2 id="endpoints-title">Endpoints (engine “openai”)</h2>
      <p className="muted">
        Servers speaking OpenAI&apos;s <code>POST /v1/audio/transcriptions</code> (OpenAI,
        whisper.cpp&apos;s whisper-server, speaches, vLLM, Groq, LocalAI). A job with engine openai
        spreads its chunks over the enabled ones.
      </p>
      {saved.loadError && <p className="reason">{saved.loadError}</p>}
      <EndpointList saved={saved} />
      <EndpointForm add={saved.add} onAdded={saved.reload} />
    </section>
  )
}
