// The saved settings (defaults for new jobs, auto-stop, tracking) and what engines are installed.
import { create } from 'zustand'
import type { EngineInfo, Settings } from '@shared/domain'

export interface SettingsState {
  settings: Settings | null
  engines: EngineInfo[]
  loadError: string | null
}

export const initialSettingsState: SettingsState = { settings: null, engines: [], loadError: null }

export const useSettingsStore = create<SettingsState>()(() => initialSettingsState)

export function setSettings(settings: Settings): void {
  useSettingsStore.setState({ settings, loadError: null })
}

export function setEngines(engines: EngineInfo[]): void {
  useSettingsStore.setState({ engines })
}

export function setSettingsLoadError(message: string): void {
  useSettingsStore.setState({ loadError: message })
}
