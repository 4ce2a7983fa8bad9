// The model catalog as data: name, approximate size, languages, SHA-1 and download URL.
import { readFileSync } from 'node:fs'
import type { CatalogModel } from '@shared/models'
import { WHISPER_MODELS_TSV } from './catalogData'
import { oneLineError } from '@shared/errors'

export const DEFAULT_MODEL_BASE_URL = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main'
/** What a user without any model is offered first: small, fast, good English. */
export const RECOMMENDED_MODEL = 'base.en'

const UNITS: Record<string, number> = { KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }

function parseSize(text: string): number {
  const m = /^([\d.]+)\s*(KiB|MiB|GiB)$/.exec(text.trim())
  if (!m) throw new Error(`bad size '${text.trim()}' (want e.g. 75 MiB)`)
  return Math.round(Number(m[1]) * UNITS[m[2]])
}

function parseLine(line: string): CatalogModel {
  const cells = line.split('\t').map((c) => c.trim())
  if (cells.length !== 3)
    throw new Error(`want 3 tab-separated columns (name, size, sha1), got ${cells.length}`)
  const [name, size, sha1] = cells
  checkModelName(name)
  if (!/^[0-9a-f]{40}$/i.test(sha1)) throw new Error(`bad SHA-1 '${sha1}' (want 40 hex digits)`)
  const englishOnly = /\.en(\b|-)/.test(name) || name.endsWith('.en')
  return {
    name,
    kind: 'whisper',
    approxBytes: parseSize(size),
    sizeLabel: size,
    sha1: sha1.toLowerCase(),
    languages: englishOnly ? 'English only' : '99 languages',
    englishOnly,
    recommended: name === RECOMMENDED_MODEL
  }
}

/** Parses a catalog TSV; a bad line is refused with its file and line number. */
export function parseCatalog(tsv: string, source = 'catalog'): CatalogModel[] {
  const models: CatalogModel[] = []
  tsv.split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#') || line.startsWith('name\t')) return
    try {
      models.push(parseLine(line))
    } catch (err) {
      throw new Error(`${source}:${i + 1}: ${oneLineError(err)}`)
    }
  })
  return models
}

const BUILT_IN: readonly CatalogModel[] = parseCatalog(WHISPER_MODELS_TSV)
let custom: { path: string; models: readonly CatalogModel[] } | null = null

/**
 * The catalog: whisper.cpp's, or, for a private mirror with its own (e.g. fine-tuned) models,
 * the TSV file named by TRANSCRIPTOR_MODEL_CATALOG (same columns: name, size, sha1).
 */
export function catalogModels(env: NodeJS.ProcessEnv = process.env): readonly CatalogModel[] {
  const path = env.TRANSCRIPTOR_MODEL_CATALOG
  if (!path) return BUILT_IN
  if (custom?.path !== path)
    custom = { path, models: parseCatalog(readFileSync(path, 'utf8'), path) }
  return custom.models
}

export function findCatalogModel(name: string): CatalogModel | undefined {
  return catalogModels().find((m) => m.name === name)
}

export function unknownModelMessage(name: string): string {
  return `unknown model '${name}'; known: ${catalogModels()
    .map((m) => m.name)
    .join(', ')}`
}

/** The configured mirror: TRANSCRIPTOR_MODEL_BASE_URL beats the setting beats Hugging Face. */
export function modelBaseUrl(setting: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.TRANSCRIPTOR_MODEL_BASE_URL || setting || DEFAULT_MODEL_BASE_URL
  return base.replace(/\/+$/, '')
}

export function modelUrl(base: string, name: string): string {
  return `${base}/ggml-${name}.bin`
}

/** Only http(s) URLs are fetched; anything else is refused before a byte moves. */
export function checkDownloadUrl(url: string): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error(`not a URL: '${url}'`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`refusing ${parsed.protocol} URL '${url}': only http and https downloads`)
  return parsed
}

/** A model name is used in a file name: keep it to what the catalog itself uses. */
export function checkModelName(name: string): string {
  if (!/^[A-Za-z0-9][\w.-]{0,80}$/.test(name))
    throw new Error(`bad model name '${name}': letters, digits, '.', '-' and '_' only`)
  return name
}
