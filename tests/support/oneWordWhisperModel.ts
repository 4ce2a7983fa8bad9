// A whisper model that always writes one word, for seeing what the engine gives per token
// (whisper's probabilities and token times) where no real weights can be downloaded. It is the
// empty-weights model (emptyWhisperModel.ts) with every tensor whisper_model_load expects, all
// zero but two: with zero weights every layer adds nothing, so the decoder's final layer norm
// gives its bias whatever it heard, and the logits are that bias times the token embedding
// (whisper ties its output to the token embedding). The bias is 1 in dimension 0 and the
// embedding's dimension 0 holds a logit per token: `word` gets `wordLogit`, one timestamp token
// `endTimestamp` gets 30, all else 0.
// whisper.cpp's rules then decode, in a window of audio at most `endTimestamp` × 20 ms long:
// step 1 may not end (no end-of-text first) and may not start with a timestamp later than 1 s,
// so `word` wins with probability e^wordLogit / (e^wordLogit + the ~50,300 other tokens at
// e^0); step 2 the timestamp's 30 outweighs every text token, and a timestamp at or past the
// audio's end completes the segment: one segment, one word, from 0 to that timestamp.
import { writeFileSync } from 'node:fs'
import { emptyWhisperModelBytes, type EmptyModelOptions } from './emptyWhisperModel'

export interface OneWordModel {
  /** Id of the word's token in the empty model's vocabulary (ids 0–219 are the characters from
   *  "!" on: 32 is "A"). */
  word: number
  wordLogit: number
  /** Timestamp token index (× 20 ms); past 50 (1 s) so the first step cannot take it. */
  endTimestamp: number
}

const ENGLISH_ONLY_VOCAB = 51864
/** whisper.cpp's ids for an English-only vocabulary. */
const TOKEN_BEG = 50363
const SHAPE = { layers: 1, state: 64, heads: 1, textCtx: 32 }

type Tensor = [name: string, dims: number[]]

function layerTensors(prefix: string, n: number, cross: boolean): Tensor[] {
  const attention = (a: string): Tensor[] => [
    [`${a}_ln.weight`, [n]], [`${a}_ln.bias`, [n]],
    [`${a}.query.weight`, [n, n]], [`${a}.query.bias`, [n]],
    [`${a}.key.weight`, [n, n]],
    [`${a}.value.weight`, [n, n]], [`${a}.value.bias`, [n]],
    [`${a}.out.weight`, [n, n]], [`${a}.out.bias`, [n]]
  ] // prettier-ignore
  const tensors: Tensor[] = [
    ['mlp_ln.weight', [n]], ['mlp_ln.bias', [n]],
    ['mlp.0.weight', [n, 4 * n]], ['mlp.0.bias', [4 * n]],
    ['mlp.2.weight', [4 * n, n]], ['mlp.2.bias', [n]],
    ...attention('attn'),
    ...(cross ? attention('cross_attn') : [])
  ] // prettier-ignore
  return tensors.map(([name, dims]) => [`${prefix}.${name}`, dims])
}

/** Every tensor whisper_model_load creates, with its dimensions (ggml order: fastest first). */
function tensorList(
  o: Required<Pick<EmptyModelOptions, 'layers' | 'state' | 'textCtx'>>
): Tensor[] {
  const n = o.state
  const list: Tensor[] = [
    ['encoder.positional_embedding', [n, 1500]],
    ['encoder.conv1.weight', [3, 80, n]], ['encoder.conv1.bias', [1, n]],
    ['encoder.conv2.weight', [3, n, n]], ['encoder.conv2.bias', [1, n]],
    ['encoder.ln_post.weight', [n]], ['encoder.ln_post.bias', [n]]
  ] // prettier-ignore
  for (let i = 0; i < o.layers; i++) list.push(...layerTensors(`encoder.blocks.${i}`, n, false))
  list.push(
    ['decoder.positional_embedding', [n, o.textCtx]],
    ['decoder.token_embedding.weight', [n, ENGLISH_ONLY_VOCAB]],
    ['decoder.ln.weight', [n]],
    ['decoder.ln.bias', [n]]
  )
  for (let i = 0; i < o.layers; i++) list.push(...layerTensors(`decoder.blocks.${i}`, n, true))
  return list
}

/** Matrices are f16 as in tiny (ggml's convolution takes no f32 kernel); the rest is f32. */
const isF16 = (name: string, dims: number[]): boolean => name.endsWith('.weight') && dims.length > 1

/** A positive number as an IEEE half float (the few logits written here are normal numbers). */
function half(x: number): number {
  const exponent = Math.floor(Math.log2(x))
  const mantissa = Math.round((x / 2 ** exponent - 1) * 1024)
  return ((exponent + 15) << 10) + mantissa
}

/**
 * One tensor as whisper_model_load reads it: n_dims, name length, type (0 = f32, 1 = f16), the
 * dimensions, the name, the data; `set` gives the few nonzero values.
 */
function tensorBytes(name: string, dims: number[], set: Map<number, number>): Buffer {
  const f16 = isF16(name, dims)
  const head = Buffer.alloc(12 + dims.length * 4)
  head.writeInt32LE(dims.length, 0)
  head.writeInt32LE(Buffer.byteLength(name), 4)
  head.writeInt32LE(f16 ? 1 : 0, 8)
  dims.forEach((d, i) => head.writeInt32LE(d, 12 + i * 4))
  const count = dims.reduce((a, b) => a * b, 1)
  const data = Buffer.alloc(count * (f16 ? 2 : 4))
  for (const [index, value] of set) {
    if (f16) data.writeUInt16LE(half(value), index * 2)
    else data.writeFloatLE(value, index * 4)
  }
  return Buffer.concat([head, Buffer.from(name), data])
}

/** The model's bytes (about 7 MB, the token embedding being most of it). */
export function oneWordWhisperModelBytes(m: OneWordModel): Buffer {
  const parts = [emptyWhisperModelBytes({ ...SHAPE, nVocab: ENGLISH_ONLY_VOCAB })]
  for (const [name, dims] of tensorList(SHAPE)) {
    const set = new Map<number, number>()
    if (name === 'decoder.ln.bias') set.set(0, 1)
    if (name === 'decoder.token_embedding.weight') {
      set.set(m.word * SHAPE.state, m.wordLogit)
      set.set((TOKEN_BEG + m.endTimestamp) * SHAPE.state, 30)
    }
    parts.push(tensorBytes(name, dims, set))
  }
  return Buffer.concat(parts)
}

export function writeOneWordWhisperModel(path: string, m: OneWordModel): string {
  writeFileSync(path, oneWordWhisperModelBytes(m))
  return path
}
