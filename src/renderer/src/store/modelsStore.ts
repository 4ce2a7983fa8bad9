// Whisper models: the catalog with what is installed (from models.list) and live download
// progress (from models.progress events). Downloads belong to the app, not to this page.
import { create } from 'zustand'
import type { DownloadProgress, ModelListing } from '@shared/models'

export interface ModelsState {
  listing: ModelListing | null
  /** Latest progress per model name, including finished/failed ones until the next listing. */
  progress: Record<string, DownloadProgress>
  error: string | null
}

export const initialModelsState: ModelsState = { listing: null, progress: {}, error: null }

export const useModelsStore = create<ModelsState>()(() => initialModelsState)

export function setModelListing(listing: ModelListing): void {
  useModelsStore.setState({ listing, error: null })
}

export function setModelsError(error: string): void {
  useModelsStore.setState({ error })
}

export function applyModelProgress(batch: DownloadProgress[]): void {
  const progress = { ...useModelsStore.getState().progress }
  for (const p of batch) progress[p.name] = p
  useModelsStore.setState({ progress })
}
