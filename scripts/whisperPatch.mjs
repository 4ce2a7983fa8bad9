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

/** The runtime-dispatch build's own edits, in its stamp beside WHISPER_PATCH. */
export const DISPATCH_PATCH = 'backends-beside-addon/1,no-amx-with-mingw/1'

// mingw-w64's GCC 12 (Debian 12) emits AMX tile loads with a 32-bit index register that its own
// assembler rejects. The AMX level (Xeon Sapphire Rapids and later) is left out of that build;
// such a CPU runs the AVX-512 VNNI/BF16 level below it. MSVC leaves AMX out already.
const AMX = "        if (NOT MSVC)\n            # MSVC doesn't support AMX\n"
const AMX_EDITS = [
  {
    find: AMX,
    put:
      AMX.replace('NOT MSVC', 'NOT MSVC AND NOT MINGW') +
      '            # transcriptor: nor mingw-w64 (scripts/whisperPatch.mjs)\n'
  }
]

const INIT = 'Napi::Object Init(Napi::Env env, Napi::Object exports) {\n'
const DISPATCH_EDITS = [
  {
    find: INIT,
    put:
      'std::string transcriptor_load_backends();\n\n' +
      INIT +
      "  // transcriptor: ggml's CPU backends sit beside this addon (native/whisper/backendsBesideAddon.cpp)\n" +
      '  exports.Set("cpuBackend", transcriptor_load_backends());\n'
  }
]

/**
 * Makes the addon's module init load ggml's backends from the addon's own folder (a build with
 * GGML_BACKEND_DL has no CPU backend until one is loaded, and whisper.cpp never loads one), and
 * leaves the AMX level out of a mingw-w64 build.
 */
export function patchForDispatch(whisperDir, addonDir) {
  applyEdits(join(addonDir, 'addons.cc'), DISPATCH_EDITS)
  applyEdits(join(whisperDir, 'ggml', 'src', 'CMakeLists.txt'), AMX_EDITS)
}
