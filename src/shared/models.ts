// Whisper models as the renderer, the hosts and the core see them: the catalog, what is installed,
// downloads in flight. No Node here.
import { z } from 'zod'

/** What a model file is for (CONTRACTS.md §4: where each kind lives in the models folder). */
export const MODEL_KINDS = ['whisper', 'vad', 'segmentation', 'embedding'] as const
export type ModelKind = (typeof MODEL_KINDS)[number]

export interface CatalogModel {
  name: string
  /** Absent = whisper (the whisper catalog's rows). */
  kind?: ModelKind
  /** As published ("75 MiB"), parsed; the server's Content-Length is the exact size. */
  approxBytes: number
  sizeLabel: string
  sha1: string
  languages: string
  englishOnly: boolean
  recommended: boolean
}

export interface DownloadProgress {
  name: string
  receivedBytes: number
  totalBytes: number | null
  bytesPerSecond: number
  etaSeconds: number | null
  state: 'downloading' | 'verifying' | 'done' | 'failed' | 'cancelled'
  /** One line when failed. */
  error: string | null
}

export interface InstalledModel {
  name: string
  path: string
  bytes: number
}

/** A model of another kind (voice activity, speakers) as Settings → Models shows it. */
export interface KindModelRow {
  kind: Exclude<ModelKind, 'whisper'>
  name: string
  sizeLabel: string
  /** '' for a file the catalog does not know. */
  licence: string
  note: string
  /** Where the catalog's file comes from; null for an imported one. */
  source: string | null
  /** Downloadable and verified here; otherwise the file is fetched by hand and imported. */
  pullable: boolean
  installed: InstalledModel | null
  download: DownloadProgress | null
}

export interface ModelListing {
  /** Catalog entries, each with its installed file (if any) and its download in flight. */
  catalog: (CatalogModel & {
    installed: InstalledModel | null
    download: DownloadProgress | null
  })[]
  /** Models in the folder that are not in the catalog (imported or pulled from a URL). */
  others: InstalledModel[]
  /** Voice activity and speaker models: the catalog's rows and the imported files. */
  kinds: KindModelRow[]
  modelsDir: string
  baseUrl: string
}

export const ModelNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][\w.-]{0,80}$/, "letters, digits, '.', '-' and '_' only")
