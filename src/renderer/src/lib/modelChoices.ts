// What the Model box offers for an engine: the installed models (never free text, so a typo
// cannot start a job that fails), the one '' stands for, and for whisper the recommended model to
// download when it is not installed. Pure, so the rules are tested without a page.
import type { EngineInfo, JobOptions } from '@shared/domain'
import type { ModelListing } from '@shared/models'

/** whisper.cpp's default when the model is '' (engines/whisperModelPath.ts DEFAULT_WHISPER_MODEL). */
const WHISPER_DEFAULT = 'base.en'

/** The value of the "download the recommended model" entry; never a model name (names have no ':'). */
export const DOWNLOAD_PREFIX = 'download:'

export interface ModelChoices {
  /** The name shown as chosen ('' = the engine's default, shown by its name). */
  shown: string
  /** Installed models; the chosen one first listed as not installed if it is not. */
  options: { value: string; label: string }[]
  /** The recommended whisper model, offered while it is not installed. */
  download: { name: string; label: string } | null
}

/** The model '' stands for: whisper's default if installed, else the first installed model. */
export function defaultModelName(engine: EngineInfo | undefined): string {
  const models = engine?.models ?? []
  if (engine?.name === 'whisper' && models.includes(WHISPER_DEFAULT)) return WHISPER_DEFAULT
  return models[0] ?? ''
}

export function modelChoices(
  engine: EngineInfo | undefined,
  model: string,
  listing: ModelListing | null
): ModelChoices {
  const installed = engine?.models ?? []
  const shown = model || defaultModelName(engine)
  const options = installed.map((m) => ({ value: m, label: m }))
  if (shown && !installed.includes(shown))
    options.unshift({ value: shown, label: `${shown} (not installed)` })
  const recommended = listing?.catalog.find((m) => m.recommended)
  const download =
    engine?.name === 'whisper' && recommended && !installed.includes(recommended.name)
      ? {
          name: recommended.name,
          label: `Download ${recommended.name} (${recommended.sizeLabel})`
        }
      : null
  return { shown, options, download }
}

/** A whisper model trained on English only (`base.en`, `tiny.en-q5_1`, `ggml-small.en.bin`). */
export const isEnglishOnlyModel = (model: string): boolean => /\.en(-[\w]+)?(\.bin)?$/.test(model)

/** What a job is sent: an English-only whisper model transcribes English and cannot translate. */
export function forChosenModel(options: JobOptions, engine: EngineInfo | undefined): JobOptions {
  if (options.engine !== 'whisper') return options
  const model = options.model || defaultModelName(engine)
  return isEnglishOnlyModel(model) ? { ...options, language: 'en', translate: false } : options
}
