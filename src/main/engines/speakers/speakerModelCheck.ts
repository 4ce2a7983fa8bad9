// Is this ONNX file a speaker model sherpa-onnx can use, of the kind asked for? sherpa reads
// these metadata keys and exits the process (exit 255, or SIGSEGV for an unknown framework) when
// one is missing or wrong, so they are checked here first and a wrong file gets one line.
// The keys are those of sherpa-onnx's offline-speaker-segmentation-pyannote-model-meta-data.h and
// speaker-embedding-extractor-model-meta-data.h (measured with tests/support/speakerModels).
import { basename } from 'node:path'
import { OnnxFileError, readOnnxMetadata } from './onnxMetadata'

export const SPEAKER_MODEL_KINDS = ['segmentation', 'embedding'] as const
export type SpeakerModelKind = (typeof SPEAKER_MODEL_KINDS)[number]

export const EMBEDDING_FRAMEWORKS = ['3d-speaker', 'wespeaker', 'nemo'] as const

const SEGMENTATION_INTEGERS = [
  'sample_rate',
  'window_size',
  'receptive_field_size',
  'receptive_field_shift',
  'num_speakers',
  'powerset_max_classes',
  'num_classes'
]
const EMBEDDING_INTEGERS = ['output_dim', 'sample_rate', 'normalize_samples']

export type SpeakerModelCheck =
  | { ok: true; kind: SpeakerModelKind; metadata: Record<string, string> }
  | { ok: false; reason: string }

function integer(metadata: Map<string, string>, key: string): number | null {
  const text = metadata.get(key)
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : null
}

function missingIntegers(metadata: Map<string, string>, keys: string[]): string[] {
  return keys.filter((k) => integer(metadata, k) === null)
}

function guessKind(metadata: Map<string, string>): SpeakerModelKind | null {
  if (metadata.has('framework')) return 'embedding'
  if (metadata.has('receptive_field_size') || metadata.has('powerset_max_classes'))
    return 'segmentation'
  return null
}

function problem(metadata: Map<string, string>, kind: SpeakerModelKind): string | null {
  const guessed = guessKind(metadata)
  if (guessed && guessed !== kind)
    return `it is a speaker ${guessed} model, not ${kind === 'embedding' ? 'an' : 'a'} ${kind} model`
  if (kind === 'segmentation') {
    const missing = missingIntegers(metadata, SEGMENTATION_INTEGERS)
    if (missing.length) return `its metadata lacks ${missing.join(', ')}`
    const powerset = integer(metadata, 'powerset_max_classes')
    if (powerset !== 1 && powerset !== 2) return 'its powerset_max_classes is not 1 or 2'
    if (integer(metadata, 'window_size') === 0) return 'its window_size is 0'
    return null
  }
  const framework = metadata.get('framework')
  if (!framework) return 'its metadata lacks framework'
  if (!(EMBEDDING_FRAMEWORKS as readonly string[]).includes(framework))
    return `its framework "${framework.slice(0, 40)}" is not one of ${EMBEDDING_FRAMEWORKS.join(', ')}`
  const missing = missingIntegers(metadata, EMBEDDING_INTEGERS)
  if (!metadata.has('language')) missing.push('language')
  if (missing.length) return `its metadata lacks ${missing.join(', ')}`
  if (integer(metadata, 'output_dim') === 0) return 'its output_dim is 0'
  return null
}

/** One line saying why `path` cannot be used as a speaker `kind` model, or its metadata. */
export function checkSpeakerModel(path: string, kind: SpeakerModelKind): SpeakerModelCheck {
  let info
  try {
    info = readOnnxMetadata(path)
  } catch (err) {
    if (err instanceof OnnxFileError) return { ok: false, reason: err.message }
    throw err
  }
  const name = basename(path)
  if (!info.hasGraph) return { ok: false, reason: `${name} is not an ONNX model: it has no graph` }
  const why = problem(info.metadata, kind)
  if (why) return { ok: false, reason: `${name} cannot be used as a speaker ${kind} model: ${why}` }
  return { ok: true, kind, metadata: Object.fromEntries(info.metadata) }
}
