// A job's work folder: its chunk plan and each finished chunk's words, written atomically (temp
// file + rename, so a kill -9 leaves either the old file or the new one, never half of one). A
// resumed run reads them back and transcribes only the chunks that have no checkpoint; because
// the plan is stored (not recomputed) and the words are the engine's own, the merged result is
// the one an uninterrupted run gives. The folder goes when the job completes or is deleted.
import { createHash } from 'node:crypto'
import { open, readdir, readFile, rename, rm, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { ENGINE_NAMES } from '@shared/domain'
import { GapSchema, SpeakerIdSchema, type TimedWord } from '@shared/transcript'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import type { ChunkPlan } from './chunking'
import { openRegularFile } from '../os/regularFile'

const HEAD_BYTES = 1 << 20

const FingerprintSchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  /** SHA-1 of the first MB: catches a file replaced by another of the same size and time. */
  headSha1: z.string()
})
export type InputFingerprint = z.infer<typeof FingerprintSchema>

/** The options that decide where chunks fall and what words they get. */
const ShapeSchema = z.object({
  chunkSeconds: z.number(),
  overlapSeconds: z.number(),
  cutAtSilences: z.boolean(),
  engine: z.enum(ENGINE_NAMES),
  model: z.string()
})
export type ChunkShape = z.infer<typeof ShapeSchema>

/** ±Infinity do not survive JSON: an open end is stored as null. */
const openEnd = (sign: 1 | -1) =>
  z
    .number()
    .nullable()
    .transform((n) => n ?? sign * Infinity)

const StoredChunkSchema = z.object({
  index: z.number().int().min(0),
  start: z.number(),
  end: z.number(),
  ownStart: openEnd(-1),
  ownEnd: openEnd(1),
  /** Wholly inside a silence: nothing to transcribe. */
  silent: z.boolean()
})

const StoredPlanSchema = z.object({
  version: z.literal(1),
  input: FingerprintSchema,
  shape: ShapeSchema,
  durationSeconds: z.number(),
  silentSeams: z.number().int(),
  overlapSeams: z.number().int(),
  chunks: z.array(StoredChunkSchema),
  /** The VAD's gaps and speech (absent in plans from before it, and with `vad` off). */
  gaps: z.array(GapSchema).optional(),
  speech: z
    .array(z.object({ start: z.number(), end: z.number() }))
    .nullable()
    .optional(),
  speechBy: z.enum(['silero', 'energy']).nullable().optional()
})
export type StoredPlan = z.infer<typeof StoredPlanSchema>
export type StoredChunk = z.infer<typeof StoredChunkSchema>

const ChunkWordsSchema = z.object({
  index: z.number().int().min(0),
  words: z.array(
    z.object({
      word: z.string(),
      start: z.number(),
      end: z.number(),
      probability: z.number().min(0).max(1).optional(),
      /** The endpoint's speaker, when its reply named them (src/main/engines/endpointSpeakers.ts). */
      speaker: SpeakerIdSchema.optional()
    })
  ),
  /** The loop guard kept this chunk's words after a failed re-run, for this reason. */
  doubtful: z.string().optional()
})

const PLAN_FILE = 'plan.json'
const chunkFile = (index: number): string => `chunk-${String(index).padStart(5, '0')}.json`

export async function fingerprintInput(path: string): Promise<InputFingerprint> {
  // Opened non-blocking and checked on the descriptor: the host calls this for a Resume click, and
  // an input replaced by a named pipe must not hold one of its I/O threads until someone writes.
  const { handle, stats: info } = await openRegularFile(path)
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size))
    await handle.read(head, 0, head.length, 0)
    return {
      size: info.size,
      mtimeMs: Math.round(info.mtimeMs),
      headSha1: createHash('sha1').update(head).digest('hex')
    }
  } finally {
    await handle.close()
  }
}

export function chunkShapeOf(
  spec: Pick<PipelineSpec, 'chunkSeconds' | 'overlapSeconds' | 'cutAtSilences' | 'engine' | 'model'>
): ChunkShape {
  return {
    chunkSeconds: spec.chunkSeconds,
    overlapSeconds: spec.overlapSeconds,
    cutAtSilences: spec.cutAtSilences !== false,
    engine: spec.engine,
    model: spec.model
  }
}

/** Why a stored plan cannot be resumed with this input and these options; null when it can. */
export function resumeRefusal(
  plan: Pick<StoredPlan, 'input' | 'shape'>,
  input: InputFingerprint,
  shape: ChunkShape
): string | null {
  if (plan.input.size !== input.size)
    return `the input file changed since the job ran (size ${plan.input.size} → ${input.size} bytes)`
  if (plan.input.mtimeMs !== input.mtimeMs)
    return 'the input file changed since the job ran (modification time differs)'
  if (plan.input.headSha1 !== input.headSha1)
    return 'the input file changed since the job ran (its first MB differs)'
  for (const key of Object.keys(shape) as (keyof ChunkShape)[]) {
    if (plan.shape[key] !== shape[key])
      return `the ${key} option differs from the interrupted run (${String(plan.shape[key])} → ${String(shape[key])})`
  }
  return null
}

/** Writes JSON so that readers see the old file or the whole new one, even across a crash. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(JSON.stringify(value))
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temp, path)
}

export function toStoredChunk(
  chunk: ChunkPlan,
  silent: boolean
): z.input<typeof StoredChunkSchema> {
  const finite = (n: number): number | null => (Number.isFinite(n) ? n : null)
  return { ...chunk, ownStart: finite(chunk.ownStart), ownEnd: finite(chunk.ownEnd), silent }
}

export async function savePlan(dir: string, plan: z.input<typeof StoredPlanSchema>): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeJsonAtomic(join(dir, PLAN_FILE), plan)
}

export async function loadPlan(dir: string): Promise<StoredPlan | null> {
  try {
    const parsed = StoredPlanSchema.safeParse(
      JSON.parse(await readFile(join(dir, PLAN_FILE), 'utf8'))
    )
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export async function saveChunkWords(
  dir: string,
  index: number,
  words: TimedWord[],
  doubtful?: string
): Promise<void> {
  await writeJsonAtomic(join(dir, chunkFile(index)), { index, words, doubtful })
}

/** The finished chunks' words (times relative to each chunk); an unreadable file is just missing. */
export async function loadChunkWords(
  dir: string,
  chunkCount: number,
  /** Filled with the doubtful chunks' reasons, when given. */
  doubts?: Map<number, string>
): Promise<Map<number, TimedWord[]>> {
  const found = new Map<number, TimedWord[]>()
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return found
  }
  for (const name of names) {
    if (!/^chunk-\d{5}\.json$/.test(name)) continue
    try {
      const parsed = ChunkWordsSchema.safeParse(JSON.parse(await readFile(join(dir, name), 'utf8')))
      if (
        parsed.success &&
        parsed.data.index < chunkCount &&
        name === chunkFile(parsed.data.index)
      ) {
        found.set(parsed.data.index, parsed.data.words)
        if (parsed.data.doubtful) doubts?.set(parsed.data.index, parsed.data.doubtful)
      }
    } catch {
      // Half-written by a tool other than ours, or damaged: transcribe that chunk again.
    }
  }
  return found
}

export async function clearCheckpoints(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 })
}
