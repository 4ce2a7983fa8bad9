// Watch folders as every process sees them: a folder, its options and where its transcripts go
// (zod → type), and its status (what the watch is doing, what it has done).
import { z } from 'zod'
import { JobOptionsSchema } from './domain'

/** The fields an export name may use; anything else in braces is refused. */
export const NAME_TEMPLATE_FIELDS = ['name', 'date', 'engine', 'model'] as const

export const NameTemplateSchema = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (t) =>
      [...t.matchAll(/\{([^}]*)\}/g)].every((m) => NAME_TEMPLATE_FIELDS.includes(m[1] as never)),
    {
      message: `a name template may use only ${NAME_TEMPLATE_FIELDS.map((f) => `{${f}}`).join(', ')}`
    }
  )
  .refine((t) => !/[/\\\0]/.test(t), { message: 'a name template cannot hold / or \\' })

/** What the user chooses for one folder. */
export const WatchFolderInputSchema = z
  .object({
    path: z.string().min(1).max(4096),
    recursive: z.boolean(),
    outputDir: z.string().min(1).max(4096),
    nameTemplate: NameTemplateSchema,
    options: JobOptionsSchema
  })
  .strict()
export type WatchFolderInput = z.infer<typeof WatchFolderInputSchema>

export interface WatchFolder extends WatchFolderInput {
  id: number
  paused: boolean
}

/** What each file a watch took became; `waiting` = seen, not yet stopped growing. */
export const WATCH_FILE_STATES = ['queued', 'linked', 'exported', 'skipped', 'failed'] as const
export type WatchFileState = (typeof WATCH_FILE_STATES)[number]

/** A folder as Settings → Watch folders lists it: its options and what it is doing. */
export interface WatchFolderView extends WatchFolder {
  status: WatchFolderStatus
}

export interface WatchCounts {
  waiting: number
  queued: number
  linked: number
  exported: number
  skipped: number
  failed: number
}

export interface WatchFolderStatus {
  folderId: number
  path: string
  /** watching; paused by the user; missing = the folder is gone (the watch resumes on return). */
  state: 'watching' | 'paused' | 'missing'
  /** One line: why it is paused, what it waits for ("3 files still growing: …"), or ''. */
  message: string
  counts: WatchCounts
  /** Seconds until the queued files are done, from this folder's jobs so far; null = unknown. */
  etaSeconds: number | null
}
