// Where a speaker model is: `<modelsDir>/<kind>/<name>.onnx` (CONTRACTS.md §4, the model
// manager's layout), a path as given (anything with a `/` or ending `.onnx`), or, for '' (the
// setting's default), the installed model of that kind the catalog lists first.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { SpeakerModelKind } from './speakerModelCheck'

/** Preferred installed models when none is named, best first (names of the model catalog). */
export const PREFERRED_SPEAKER_MODELS: Record<SpeakerModelKind, string[]> = {
  segmentation: ['pyannote-segmentation-3.0', 'pyannote-segmentation-3.0-int8'],
  embedding: [
    '3dspeaker-campplus-en-voxceleb',
    '3dspeaker-eres2net-en-voxceleb',
    'wespeaker-en-voxceleb-resnet34-LM'
  ]
}

export function speakerModelsFolder(modelsDir: string, kind: SpeakerModelKind): string {
  return join(modelsDir, kind)
}

export function isModelPath(value: string): boolean {
  return value.includes('/') || value.includes('\\') || value.endsWith('.onnx')
}

/** The installed models of one kind, by name. */
export function installedSpeakerModels(modelsDir: string, kind: SpeakerModelKind): string[] {
  try {
    return readdirSync(speakerModelsFolder(modelsDir, kind))
      .filter((f) => f.endsWith('.onnx'))
      .map((f) => f.slice(0, -'.onnx'.length))
      .sort()
  } catch {
    return []
  }
}

/** The model's path and name, or a one-line reason (nothing installed, no models folder). */
export function resolveSpeakerModel(
  value: string,
  kind: SpeakerModelKind,
  modelsDir: string | undefined
): { path: string; name: string } | { reason: string } {
  if (isModelPath(value)) {
    const name =
      value
        .split(/[\\/]/)
        .pop()
        ?.replace(/\.onnx$/, '') ?? value
    return { path: value, name }
  }
  if (!modelsDir) return { reason: `no models folder to find the speaker ${kind} model in` }
  const installed = installedSpeakerModels(modelsDir, kind)
  const name =
    value || PREFERRED_SPEAKER_MODELS[kind].find((n) => installed.includes(n)) || installed[0] || ''
  if (!name)
    return {
      reason: `no speaker ${kind} model installed: run \`transcriptor models pull ${PREFERRED_SPEAKER_MODELS[kind][0]}\` or \`transcriptor models import FILE --kind ${kind}\``
    }
  if (value && !installed.includes(value))
    return { reason: `speaker ${kind} model "${value}" is not installed` }
  return { path: join(speakerModelsFolder(modelsDir, kind), `${name}.onnx`), name }
}
