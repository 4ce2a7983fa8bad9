// Settings in the real `settings` table: round trip, rejected input, and bad stored values.
import { afterEach, beforeEach, expect, test } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '@shared/domain'
import { SettingsStore } from '../../../src/main/core/settings/settingsStore'
import { createTempDatabase, type TempDatabase } from '../../support/db'

let temp: TempDatabase
let settings: SettingsStore
beforeEach(() => {
  temp = createTempDatabase()
  settings = new SettingsStore(temp.db)
})
afterEach(() => temp.cleanup())

function storeRaw(key: string, value: string): void {
  temp.db
    .prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 1)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`
    )
    .run(key, value)
}

test('a fresh database reads the defaults', () => {
  expect(settings.get()).toEqual(DEFAULT_SETTINGS)
})

test('set then get round-trips every key, also through a new connection', () => {
  const next: Settings = {
    ...DEFAULT_SETTINGS,
    engine: 'whisper',
    model: 'base.en',
    processes: 4,
    chunkSeconds: 60,
    overlapSeconds: 5,
    formats: ['txt', 'json'],
    autoStopOnLeave: false,
    processTracking: false
  }
  expect(settings.set(next)).toEqual(next)
  expect(new SettingsStore(temp.db).get()).toEqual(next)
})

test('set rejects invalid settings with a one-line reason and stores nothing', () => {
  settings.set({ ...DEFAULT_SETTINGS, processes: 3 })
  const attempt = (): Settings =>
    settings.set({ ...DEFAULT_SETTINGS, processes: 0, chunkSeconds: 10, overlapSeconds: 6 })
  expect(attempt).toThrow(/^invalid settings: .*processes/)
  try {
    attempt()
  } catch (error) {
    expect((error as Error).message).not.toContain('\n')
  }
  expect(settings.get().processes).toBe(3)
  expect(() => settings.set({ ...DEFAULT_SETTINGS, surprise: 1 } as unknown as Settings)).toThrow(
    /invalid settings/
  )
})

test('a bad stored value falls back to its default; the other keys survive', () => {
  settings.set({ ...DEFAULT_SETTINGS, processes: 6, workers: 2 })
  storeRaw('processes', '"many"')
  storeRaw('engine', '{not json')
  storeRaw('orphanTimeoutSeconds', '5')
  storeRaw('keyFromTheFuture', '1')
  expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, workers: 2 })
})

test('values valid alone but conflicting together fall back to the defaults', () => {
  storeRaw('chunkSeconds', '10')
  storeRaw('overlapSeconds', '8')
  const read = settings.get()
  expect(read.overlapSeconds * 2).toBeLessThan(read.chunkSeconds)
})
