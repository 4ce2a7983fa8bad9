// Settings → Downloads: where whisper models come from.
import { OneSettingSection, type OneSettingProps } from './OneSettingSection'

export function DownloadSettings(props: OneSettingProps): React.JSX.Element {
  return (
    <OneSettingSection
      heading="Downloads"
      name="modelBaseUrl"
      label="Whisper model mirror"
      error={props.error}
      hint="empty = Hugging Face (whisper.cpp's files); a mirror serves the same ggml-NAME.bin names"
      wide
      input={{
        type: 'url',
        value: props.draft.modelBaseUrl,
        placeholder: 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main',
        onChange: (e) => props.change({ modelBaseUrl: e.target.value.trim() })
      }}
    />
  )
}
