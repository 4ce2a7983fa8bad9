// The options the user chose on the Transcribe page for the next files (engine, model, language,
// or any advanced one), kept over the saved Settings defaults across page visits and reloads
// (localStorage), so the engine no longer goes back to the default on each visit. Only the
// options the user changed here are kept: a default changed later in Settings still reaches the
// options the user never touched on this page.
import type { z } from 'zod'
import { create } from 'zustand'
import { JobOptionsFields, type JobOptions } from '@shared/domain'

const STORAGE_KEY = 'transcriptor.nextJobOptions'

export type ChosenOptions = Partial<JobOptions>

function load(): ChosenOptions {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    if (!raw) return {}
    const saved = JSON.parse(raw) as Record<string, unknown>
    // Written by another version, or edited by hand: keep each option that still parses.
    const chosen: ChosenOptions = {}
    for (const [key, value] of Object.entries(saved)) {
      const shape: Record<string, z.ZodTypeAny | undefined> = JobOptionsFields.shape
      const field = shape[key]
      if (field?.safeParse(value).success) Object.assign(chosen, { [key]: value })
    }
    return chosen
  } catch {
    return {}
  }
}

function store(chosen: ChosenOptions): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(chosen))
  } catch {
    // Storage refused (private window, quota): the choice still lasts for this session.
  }
}

export const useNextJobOptions = create<{ chosen: ChosenOptions }>(() => ({ chosen: load() }))

/** Remembers the options that differ between `before` and `after` (what this change touched). */
export function rememberChange(before: JobOptions, after: JobOptions): void {
  const touched: ChosenOptions = {}
  for (const key of Object.keys(after) as (keyof JobOptions)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      Object.assign(touched, { [key]: after[key] })
  }
  if (Object.keys(touched).length === 0) return
  const chosen = { ...useNextJobOptions.getState().chosen, ...touched }
  useNextJobOptions.setState({ chosen })
  store(chosen)
}

/** The saved defaults with what the user chose on this page laid over them. */
export function withChosen(defaults: JobOptions, chosen: ChosenOptions): JobOptions {
  return { ...defaults, ...chosen }
}
