// Settings → Saved voices: the voices remembered from jobs ("Remember this voice" on a job's
// speaker). Rename one (later jobs use the new name), or delete it (its embedding goes with it).
import { getApi } from '../../transport/getApi'
import { useHostList } from '../../hooks/useHostList'
import { VoiceRow } from './VoiceRow'

export function VoicesSection(): React.JSX.Element {
  const { items: voices, error, act } = useHostList(() => getApi().voices.list({}))
  return (
    <section className="page voices-section" aria-labelledby="voices-title" data-testid="voices">
      <h2 id="voices-title">Saved voices</h2>
      <p className="muted">
        Remember a speaker&apos;s voice on a job&apos;s page; later jobs name the same voice after
        it. Only the voice&apos;s embedding (numbers, no audio) is kept, on this machine.
      </p>
      {error && (
        <p className="reason" role="alert" data-testid="voices-error">
          {error}
        </p>
      )}
      {voices?.length === 0 && <p className="muted">No saved voices yet.</p>}
      {voices && voices.length > 0 && (
        <ul className="voice-list">
          {voices.map((v) => (
            <VoiceRow
              key={v.id}
              voice={v}
              onRename={(name) => act(() => getApi().voices.rename({ id: v.id, name }))}
              onDelete={() => act(() => getApi().voices.delete({ id: v.id }))}
            />
          ))}
        </ul>
      )}
    </section>
  )
}
