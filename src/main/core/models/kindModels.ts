// Models of the other kinds (vad, segmentation, embedding) in the models folder, each where its
// users look for it (CONTRACTS.md §4): `vad/ggml-<name>.bin`, `segmentation/<name>.onnx`,
// `embedding/<name>.onnx`. Imported files are checked first (an ONNX speaker model by its
// metadata, as sherpa-onnx would read it; a VAD model by its ggml header, as the VAD worker does), so a wrong file is
// refused with one line instead of crashing a job later.
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { openRegularFile } from '../../os/regularFile'
import type { DownloadProgress, KindModelRow, ModelKind } from '@shared/models'
import { formatBytes } from '@shared/byteText'
import { checkVadModelFile } from '../../engines/vadWorker/vadModelFile'
import { checkSpeakerModel } from '../../engines/speakers/speakerModelCheck'
import { speakerModelsFolder } from '../../engines/speakers/speakerModelPath'
import { checkModelName } from './catalog'
import type { KindCatalogModel } from './kindCatalog'

export type OtherKind = Exclude<ModelKind, 'whisper'>

export function kindModelPath(modelsDir: string, kind: OtherKind, name: string): string {
  checkModelName(name)
  if (kind === 'vad') return join(modelsDir, 'vad', `ggml-${name}.bin`)
  return join(speakerModelsFolder(modelsDir, kind), `${name}.onnx`)
}

/** One line saying why `path` is not a `kind` model, or null. */
export function kindModelProblem(path: string, kind: OtherKind): string | null {
  if (kind !== 'vad') {
    const check = checkSpeakerModel(path, kind)
    return check.ok ? null : check.reason
  }
  const check = checkVadModelFile(path)
  return check.ok ? null : check.reason
}

function defaultName(path: string, kind: OtherKind): string {
  const base = basename(path).replace(/\.(onnx|bin)$/i, '')
  return kind === 'vad' ? base.replace(/^ggml-/, '') : base
}

/**
 * Copies a model file into its kind's folder (atomically) once the copy passed its check; returns
 * where it went. The user's path is opened once, non-blocking, and must be a regular file (a
 * named pipe named here must not hold the event loop: src/main/os/regularFile.ts); the checks
 * then read the copy, a file of our own, kept under the original name so a refusal names it.
 */
export async function importKindModel(
  modelsDir: string,
  path: string,
  kind: OtherKind,
  name?: string
): Promise<{ name: string; path: string; bytes: number }> {
  const modelName = name ?? defaultName(path, kind)
  const dest = kindModelPath(modelsDir, kind, modelName)
  const staging = join(dirname(dest), `.import-${process.pid}-${Date.now()}`)
  const copy = join(staging, basename(path))
  await mkdir(staging, { recursive: true })
  try {
    const { handle } = await openRegularFile(path)
    try {
      await pipeline(
        handle.createReadStream({ start: 0, autoClose: false }),
        createWriteStream(copy)
      )
    } finally {
      await handle.close()
    }
    const problem = kindModelProblem(copy, kind)
    if (problem) throw new Error(problem)
    await rename(copy, dest)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
  return { name: modelName, path: dest, bytes: (await stat(dest)).size }
}

/** The checksum a catalog row of another kind is verified by, or why it cannot be downloaded here
 *  (no checksum, or an archive) with how to get it instead. */
export function kindPullCheck(model: KindCatalogModel): { sha1: string } | { refused: string } {
  if (model.sha1 && /\.(onnx|bin)$/.test(model.url)) return { sha1: model.sha1 }
  const archive = /\.tar\.bz2$/.test(model.url) ? ' and it comes in an archive' : ''
  return {
    refused:
      `${model.name} cannot be downloaded here: its checksum is not in the catalog${archive}; ` +
      `download ${model.url} and import it (Settings → Models, or ` +
      `\`transcriptor models import FILE --kind ${model.kind} --name ${model.name}\`)`
  }
}

/** The installed models of the other kinds, by kind. */
export async function installedKindModels(
  modelsDir: string
): Promise<{ kind: OtherKind; name: string; bytes: number }[]> {
  const found: { kind: OtherKind; name: string; bytes: number }[] = []
  for (const kind of ['vad', 'segmentation', 'embedding'] as const) {
    const folder = join(modelsDir, kind)
    const names = await readdir(folder).catch(() => [] as string[])
    for (const file of names.sort()) {
      const m = kind === 'vad' ? /^ggml-(.+)\.bin$/.exec(file) : /^(.+)\.onnx$/.exec(file)
      if (m) found.push({ kind, name: m[1], bytes: (await stat(join(folder, file))).size })
    }
  }
  return found
}

/** The catalog's rows of the other kinds with what is installed, then installed files it lacks. */
export async function kindListing(
  modelsDir: string,
  catalog: readonly KindCatalogModel[],
  progressOf: (name: string) => DownloadProgress | null
): Promise<KindModelRow[]> {
  const installed = await installedKindModels(modelsDir)
  const fileOf = (kind: OtherKind, name: string): KindModelRow['installed'] => {
    const m = installed.find((i) => i.kind === kind && i.name === name)
    return m ? { name, path: kindModelPath(modelsDir, kind, name), bytes: m.bytes } : null
  }
  const rows: KindModelRow[] = catalog.map((m) => ({
    kind: m.kind,
    name: m.name,
    sizeLabel: m.sizeLabel,
    licence: m.licence,
    note: m.note,
    source: m.url,
    pullable: 'sha1' in kindPullCheck(m),
    installed: fileOf(m.kind, m.name),
    download: progressOf(m.name)
  }))
  for (const m of installed)
    if (!catalog.some((c) => c.kind === m.kind && c.name === m.name))
      rows.push({
        kind: m.kind,
        name: m.name,
        sizeLabel: formatBytes(m.bytes),
        licence: '',
        note: 'imported',
        source: null,
        pullable: false,
        installed: fileOf(m.kind, m.name),
        download: null
      })
  return rows
}
