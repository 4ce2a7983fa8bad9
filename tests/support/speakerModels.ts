// Synthetic speaker models for tests, built by tests/support/speakerModels/makeModels.py with
// Debian's python3-onnx (setup.sh --test installs it): sherpa-onnx loads them and they separate
// the two espeak-ng voices of tests/support/twoVoices.ts (see the script for how).
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

export interface SpeakerModels {
  segmentation: string
  embedding: string
  /** Outputs one vector whatever it hears: every voice becomes one speaker (the control). */
  constantEmbedding: string
  /** A segmentation model without the metadata sherpa needs. */
  badMetadata: string
}

const SCRIPT = join(__dirname, 'speakerModels', 'makeModels.py')

export function makeSpeakerModels(dir: string): SpeakerModels {
  execFileSync('/usr/bin/python3', [SCRIPT, dir])
  return {
    segmentation: join(dir, 'segmentation.onnx'),
    embedding: join(dir, 'embedding.onnx'),
    constantEmbedding: join(dir, 'constant-embedding.onnx'),
    badMetadata: join(dir, 'bad-metadata.onnx')
  }
}
