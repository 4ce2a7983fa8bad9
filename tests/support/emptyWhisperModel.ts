// A ggml whisper model with no weights, for running the real whisper.cpp where no weights can be
// downloaded. Layout from `whisper_model_load` in whisper.cpp's src/whisper.cpp (shipped inside
// @fugood/whisper.node): magic 'ggml' (u32 0x67676d6c, little endian), 11 int32 hyper-parameters,
// the mel filter bank (int32 n_mel, int32 n_fft, n_mel·n_fft float32), the vocabulary (int32
// count, then u32 length + bytes per token) and then tensors until EOF. With zero tensors the
// loader logs "no tensors loaded from model file - assuming empty model for testing" and the
// model runs (whisper.cpp's CI runs its models/for-tests-ggml-*.bin this way); the missing tokens
// are filled in by the loader. Hyper-parameters default to tiny's; FAST_EMPTY_MODEL shrinks them.
import { writeFileSync } from 'node:fs'

export const GGML_MAGIC = 0x67676d6c

export interface EmptyModelOptions {
  /** 51864 = an English-only model (`.en`); 51865 = multilingual (language detection works). */
  nVocab?: number
  /** Audio/text layers; tiny has 4. */
  layers?: number
  /** Width of the audio and text states; tiny has 384 (6 heads of 64). */
  state?: number
  heads?: number
  /** Tokens the decoder may hold (tiny: 448). It bounds each decode: with no weights, memory
   *  the loader leaves as it found it can decode tokens up to this limit at every fallback. */
  textCtx?: number
}

/**
 * Small enough that a 30 s window costs well under a second on a busy 2-core machine, while
 * whisper.cpp still runs its whole encoder/decoder path (mel, conv, attention, sampling).
 */
export const FAST_EMPTY_MODEL: EmptyModelOptions = { layers: 1, state: 64, heads: 1, textCtx: 32 }

/** The bytes of an empty-weights whisper model (about 65 kB). */
export function emptyWhisperModelBytes(o: EmptyModelOptions = {}): Buffer {
  const nVocab = o.nVocab ?? 51865
  const layers = o.layers ?? 4
  const state = o.state ?? 384
  const heads = o.heads ?? 6
  const textCtx = o.textCtx ?? 448
  const nMel = 80
  const nFft = 201
  // n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
  // n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype (1 = f16)
  const hparams = [nVocab, 1500, state, heads, layers, textCtx, state, heads, layers, nMel, 1]
  const header = Buffer.alloc(4 + hparams.length * 4 + 8)
  header.writeUInt32LE(GGML_MAGIC, 0)
  hparams.forEach((v, i) => header.writeInt32LE(v, 4 + i * 4))
  header.writeInt32LE(nMel, 4 + hparams.length * 4)
  header.writeInt32LE(nFft, 8 + hparams.length * 4)
  const filters = Buffer.alloc(nMel * nFft * 4) // all-zero filter bank: silence to the model
  return Buffer.concat([header, filters, vocabularyBytes()])
}

/**
 * The first 221 tokens of GPT-2's byte-level vocabulary, enough for the decoder: it suppresses
 * the token " " (id 220) by looking it up by text, and throws (std::out_of_range, which the
 * binding turns into a promise that never settles) when it is missing. The loader names every
 * later token itself ([_extra_token_N], [_SOT_], [_TT_N], …).
 */
function vocabularyBytes(): Buffer {
  const tokens = Array.from({ length: SPACE_TOKEN_ID }, (_, i) => String.fromCharCode(33 + i))
  tokens.push(' ')
  const parts = [int32(tokens.length)]
  for (const token of tokens) {
    const bytes = Buffer.from(token, 'utf8')
    parts.push(int32(bytes.length), bytes)
  }
  return Buffer.concat(parts)
}

const SPACE_TOKEN_ID = 220

function int32(value: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeInt32LE(value, 0)
  return b
}

export function writeEmptyWhisperModel(path: string, o: EmptyModelOptions = {}): string {
  writeFileSync(path, emptyWhisperModelBytes(o))
  return path
}
