// Language and task for whisper. Multilingual models detect the language ('auto') or take one;
// English-only models (`.en`) know English only, and say so instead of silently transcribing
// German as English. Which kind a model is comes from the file (its vocabulary size, ggmlFile.ts),
// not from its name: a renamed file is still what it is.
import { basename } from 'node:path'

export const LANGUAGE_PATTERN = /^(auto|[a-z]{2,3}|haw|yue)$/

/** The language to pass to whisper.cpp, or throws with the one line to show. */
export function whisperLanguage(
  model: { path: string; multilingual: boolean },
  language: string | undefined,
  translate: boolean | undefined
): string {
  const wanted = (language || 'auto').toLowerCase()
  if (!LANGUAGE_PATTERN.test(wanted))
    throw new Error(`unknown language '${language}': use auto or a code like en, de, fr`)
  if (model.multilingual) return wanted
  const name = basename(model.path)
  if (translate)
    throw new Error(
      `${name} is an English-only model: it cannot translate; pick a multilingual one (e.g. base)`
    )
  if (wanted !== 'auto' && wanted !== 'en')
    throw new Error(
      `${name} is an English-only model: it cannot transcribe '${wanted}'; pick a multilingual one (e.g. base)`
    )
  return 'en'
}
