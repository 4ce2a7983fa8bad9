// What the Models section and the "download the recommended model" offer do.
import { getApi } from '../transport/getApi'
import { setModelListing, setModelsError, applyModelProgress } from './modelsStore'
import { setEngines } from './settingsStore'
import { oneLineError } from '@shared/errors'

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

export async function deleteModel(name: string): Promise<void> {
  try {
    await getApi().models.delete({ name })
  } catch (err) {
    setModelsError(`${name}: ${oneLineError(err)}`)
  }
  await refreshModels()
}
