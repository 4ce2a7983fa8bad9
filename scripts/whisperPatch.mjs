// Our changes to whisper.cpp's source before scripts/whisper-native.mjs builds it. The addon's
// result carries each segment's tokens (addonTokensPatch.mjs). And with
// language "auto", whisper_full detects the language by running the encoder on the first 30 s
// window, then its main loop runs the encoder again on that same window (same mel, same offset,
// same audio context) before decoding. The second pass is skipped when the first one's output is
// still there: the encoder writes only its output and the cross-attention cache, which detecting
// reads and never changes, so the transcript is the same and a job with language auto costs what
// one with the language given costs (pipeline/jobLanguage.ts detects on the first chunk only).
// Each edit names the text it replaces, which must occur exactly once: a source that differs
// fails the build loudly (the prebuilt then runs), never builds a half-changed file.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ADDON_EDITS } from './addonTokensPatch.mjs'

/** Part of the build's stamp and cache key: a new patch makes a new build. */
export const WHISPER_PATCH = 'encode-once-after-detect/1,segment-tokens/1'

const DETECT =
  '        state->lang_id = lang_id;\n        params.language = whisper_lang_str(lang_id);\n'
const ENCODE =
  '        if (!whisper_encode_internal(*ctx, *state, seek, params.n_threads, params.abort_callback, params.abort_callback_user_data)) {\n'

const EDITS = [
  {
    find: '    // auto-detect language if not specified\n',
    put:
      '    // transcriptor: the window the language detection encoded (-1: none), and its audio context\n' +
      '    int transcriptor_encoded_seek = -1;\n' +
      '    const int transcriptor_encoded_ctx = state->exp_n_audio_ctx;\n\n' +
      '    // auto-detect language if not specified\n'
  },
  { find: DETECT, put: DETECT + '        transcriptor_encoded_seek = 0;\n' },
  {
    find: ENCODE,
    put:
      '        // transcriptor: the detection encoded this very window with the same audio context\n' +
      '        const bool transcriptor_encoded = seek == transcriptor_encoded_seek && state->exp_n_audio_ctx == transcriptor_encoded_ctx;\n' +
      '        transcriptor_encoded_seek = -1;\n' +
      ENCODE.replace(
        'if (!whisper_encode_internal',
        'if (!transcriptor_encoded && !whisper_encode_internal'
      )
  }
]

/** Applies `edits` to the file at `path`, each replacing text found there exactly once. */
export function applyEdits(path, edits) {
  let text = readFileSync(path, 'utf8')
  for (const { find, put } of edits) {
    if (text.includes(put))
      throw new Error(`${path}: already patched: ${put.trim().split('\n')[0]}`)
    const count = text.split(find).length - 1
    if (count !== 1) throw new Error(`${path}: expected once, found ${count}×: ${find.trim()}`)
    text = text.replace(find, () => put)
  }
  writeFileSync(path, text)
}

/** Applies the edits to whisper.cpp's src/whisper.cpp under `whisperDir`. */
export function patchWhisperCpp(whisperDir) {
  applyEdits(join(whisperDir, 'src', 'whisper.cpp'), EDITS)
}

/** Applies the edits to the addon's src/common.cpp under `addonDir`. */
export function patchAddon(addonDir) {
  applyEdits(join(addonDir, 'common.cpp'), ADDON_EDITS)
}
