// The ModelManager of one data dir: its models folder, and the mirror from settings / env.
import type { DownloadProgress } from '@shared/models'
import { dataPaths } from '../paths'
import { modelBaseUrl } from './catalog'
import { ModelManager } from './modelManager'

export function modelManagerFor(
  dataDir: string,
  baseUrlSetting: () => string,
  onProgress?: (p: DownloadProgress) => void
): ModelManager {
  return new ModelManager({
    modelsDir: dataPaths(dataDir).models,
    baseUrl: () => modelBaseUrl(baseUrlSetting()),
    onProgress
  })
}
