// The Settings form's draft: edited freely, validated against the schema on every change, saved
// to the host only when valid, and guarded against leaving the page unsaved.
import { useEffect, useRef, useState } from 'react'
import { SettingsSchema, type Settings } from '@shared/domain'
import { getApi } from '../transport/getApi'
import { fieldErrors } from '../lib/formErrors'
import { setSettings } from '../store/settingsStore'
import { guardUnsavedChanges } from '../store/navigation'
import { oneLineError } from '@shared/errors'

export interface SettingsDraft {
  draft: Settings
  /** One message per invalid field ('_form' for the whole), empty when the draft is valid. */
  errors: Record<string, string>
  valid: boolean
  dirty: boolean
  /** What the last save said; cleared by the next change. */
  result: { ok: boolean; text: string } | null
  change: (next: Partial<Settings>) => void
  save: () => Promise<void>
}

export function useSettingsDraft(saved: Settings): SettingsDraft {
  const [draft, setDraft] = useState<Settings>(saved)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const parsed = SettingsSchema.safeParse(draft)
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues)
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved)
  const dirtyRef = useRef(dirty)
  dirtyRef.current = dirty
  useEffect(() => guardUnsavedChanges(() => dirtyRef.current), [])

  const change = (next: Partial<Settings>): void => {
    setDraft({ ...draft, ...next })
    setResult(null)
  }
  const save = async (): Promise<void> => {
    if (!parsed.success) return
    try {
      const stored = await getApi().settings.set({ settings: parsed.data })
      setSettings(stored)
      setDraft(stored)
      setResult({ ok: true, text: 'Saved. New jobs use these settings.' })
    } catch (err) {
      setResult({
        ok: false,
        text: `Not saved: ${oneLineError(err)}`
      })
    }
  }
  return { draft, errors, valid: parsed.success, dirty, result, change, save }
}
