// The models that are not whisper's: voice activity (Silero, ggml for whisper.cpp's VAD) and the
// speaker models sherpa-onnx uses (pyannote segmentation, speaker embeddings). Each row says its
// kind, size, licence and where it comes from. Only models under licences that allow commercial
// use are listed. A checksum is given only where it was verified; a row without one cannot be
// pulled (the download could not be checked) and says so: fetch the file and `models import` it.
import type { ModelKind } from '@shared/models'

export interface KindCatalogModel {
  name: string
  kind: Exclude<ModelKind, 'whisper'>
  sizeLabel: string
  approxBytes: number
  licence: string
  url: string
  /** Lowercase hex SHA-1 of the file, or null when it could not be verified. */
  sha1: string | null
  note: string
}

const MB = 1000 * 1000

export const KIND_CATALOG: readonly KindCatalogModel[] = [
  {
    name: 'silero-v6.2.0',
    kind: 'vad',
    sizeLabel: '885 KB',
    approxBytes: 885_098,
    licence: 'MIT',
    url: 'https://huggingface.co/ggml-org/whisper-vad/resolve/main/ggml-silero-v6.2.0.bin',
    sha1: '470e5d9d094ddba2f0a512cecc3732a252188abd',
    note: 'Silero VAD v6.2.0 for whisper.cpp'
  },
  {
    name: 'pyannote-segmentation-3.0',
    kind: 'segmentation',
    sizeLabel: '5.7 MB',
    approxBytes: 5.7 * MB,
    licence: 'MIT',
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/speaker-segmentation-models/sherpa-onnx-pyannote-segmentation-3-0.tar.bz2',
    sha1: null,
    note: 'pyannote/segmentation-3.0 as sherpa-onnx exports it (model.onnx in the archive)'
  },
  {
    name: 'pyannote-segmentation-3.0-int8',
    kind: 'segmentation',
    sizeLabel: '1.5 MB',
    approxBytes: 1.5 * MB,
    licence: 'MIT',
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/speaker-segmentation-models/sherpa-onnx-pyannote-segmentation-3-0.tar.bz2',
    sha1: null,
    note: 'the same, int8 (model.int8.onnx in the archive)'
  },
  {
    name: '3dspeaker-campplus-en-voxceleb',
    kind: 'embedding',
    sizeLabel: '29.6 MB',
    approxBytes: 29.6 * MB,
    licence: 'Apache-2.0',
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/speaker-recongition-models/3dspeaker_speech_campplus_sv_en_voxceleb_16k.onnx',
    sha1: null,
    note: '3D-Speaker CAM++, English (VoxCeleb)'
  },
  {
    name: '3dspeaker-eres2net-en-voxceleb',
    kind: 'embedding',
    sizeLabel: '26.5 MB',
    approxBytes: 26.5 * MB,
    licence: 'Apache-2.0',
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/speaker-recongition-models/3dspeaker_speech_eres2net_sv_en_voxceleb_16k.onnx',
    sha1: null,
    note: '3D-Speaker ERes2Net, English (VoxCeleb)'
  },
  {
    name: 'wespeaker-en-voxceleb-resnet34-LM',
    kind: 'embedding',
    sizeLabel: '26.5 MB',
    approxBytes: 26.5 * MB,
    licence: 'Apache-2.0 (code and model as published by WeSpeaker)',
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/speaker-recongition-models/wespeaker_en_voxceleb_resnet34_LM.onnx',
    sha1: null,
    note: 'WeSpeaker ResNet34-LM, English (VoxCeleb)'
  }
]

export function findKindModel(name: string): KindCatalogModel | undefined {
  return KIND_CATALOG.find((m) => m.name === name)
}
