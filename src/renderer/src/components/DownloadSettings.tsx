// Settings → Downloads: where whisper models come from.
import type { Settings } from '@shared/domain'
import { Field } from './Field'

export function DownloadSettings(props: {
  draft: Settings
  error: string | undefined
  change: (next: Partial<Settings>) => void
}): React.JSX.Element {
  return (
    <>
      <h2>Downloads</h2>
      <div className="option-grid one-wide">
        <Field
          id="settings-modelBaseUrl"
          label="Whisper model mirror"
          error={props.error}
          hint="empty = Hugging Face (whisper.cpp's files); a mirror serves the same ggml-NAME.bin names"
        >
          <input
            id="settings-modelBaseUrl"
            type="url"
            value={props.draft.modelBaseUrl}
            placeholder="https://huggingface.co/ggerganov/whisper.cpp/resolve/main"
            onChange={(e) => props.change({ modelBaseUrl: e.target.value.trim() })}
            aria-invalid={props.error ? true : undefined}
            data-testid="settings-modelBaseUrl"
          />
        </Field>
      </div>
    </>
  )
}
