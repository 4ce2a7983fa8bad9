// What the Models section and the "download the recommended model" offer do.
import { getApi } from '../transport/getApi'
import { setModelListing, setModelsError, applyModelProgress } from './modelsStore'
import { setEngines } from './settingsStore'
import { oneLineError } from '@shared/errors'
import type { ModelKind } from '@shared/models'

export async function refreshModels(): Promise<void> {
  try {
    const api = getApi()
    const [listing, engines] = await Promise.all([api.models.list({}), api.engines.list({})])
    setModelListing(listing)
    setEngines(engines)
  } catch (err) {
    setModelsError(oneLineError(err))
  }
}

export async function downloadModel(name: string): Promise<void> {
  try {
    applyModelProgress([
      {
        name,
        receivedBytes: 0,
        totalBytes: null,
        bytesPerSecond: 0,
        etaSeconds: null,
        state: 'downloading',
        error: null
      }
    ])
    await getApi().models.pull({ name })
  } catch (err) {
    setModelsError(`${name}: ${oneLineError(err)}`)
  }
}

export async function cancelModelDownload(name: string): Promise<void> {
  await getApi().models.cancel({ name })
}

export async function deleteModel(name: string, kind?: ModelKind): Promise<void> {
  try {
    await getApi().models.delete({ name, ...(kind && { kind }) })
  } catch (err) {
    setModelsError(`${name}: ${oneLineError(err)}`)
  }
  await refreshModels()
}

/**
 * Import a model file the user chose: Electron hands the host its path; the browser host has no
 * paths, so the file is uploaded first (the host removes that copy once imported). Resolves with
 * one line for the page: what was installed, or why not.
 */
export async function importModelFile(
  file: File,
  kind?: ModelKind
): Promise<{ ok: boolean; text: string }> {
  const api = getApi()
  try {
    const path = api.pathForFile?.(file) || (api.uploadFile ? await api.uploadFile(file) : '')
    if (!path) return { ok: false, text: `${file.name}: this host cannot receive files` }
    const model = await api.models.import({ path, ...(kind && { kind }) })
    await refreshModels()
    return { ok: true, text: `Imported ${model.name}` }
  } catch (err) {
    return { ok: false, text: `${file.name}: ${oneLineError(err)}` }
  }
}
