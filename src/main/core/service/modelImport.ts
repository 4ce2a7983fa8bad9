// Settings → Models → Import: the file the user chose is copied into the models folder
// (ModelManager.importFile checks it is a model of its kind). In the browser host the file arrived as an
// upload (<dataDir>/uploads/<random>/<name>): that copy has done its job once imported or
// refused, so it is removed rather than left to fill the disk with a second model file.
import { rm } from 'node:fs/promises'
import type { InstalledModel, ModelKind } from '@shared/models'
import type { ModelManager } from '../models/modelManager'
import { uploadFolderOf } from './jobOutputs'

export async function importModel(
  models: ModelManager,
  dataDir: string,
  path: string,
  o: { name?: string; kind?: ModelKind } = {}
): Promise<InstalledModel> {
  try {
    return await models.importFile(path, o.name, o.kind)
  } finally {
    const upload = uploadFolderOf({ original_path: path }, dataDir)
    if (upload) await rm(upload, { recursive: true, force: true })
  }
}
