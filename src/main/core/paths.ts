// Where Transcriptor keeps its files. One data dir holds the database, logs, outputs, uploads
// and per-job scratch space, so `--data-dir` isolates a whole installation (tests rely on it).
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export interface DataPaths {
  dataDir: string
  database: string
  logs: string
  outputs: string
  uploads: string
  tmp: string
  /** Per running job, a reserved file for an outcome the database refuses (core/db/outcomes). */
  outcomes: string
  /** ggml model files downloaded or imported by this instance. */
  models: string
  /** Endpoint API keys for the CLI and the browser host (mode 0600; the app uses safeStorage). */
  secrets: string
}

/** `--data-dir` beats TRANSCRIPTOR_HOME beats the platform's app-data dir (what Electron's userData is). */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag)
  if (env.TRANSCRIPTOR_HOME) return resolve(env.TRANSCRIPTOR_HOME)
  return defaultAppDataDir(env)
}

/** Mirrors Electron's `app.getPath('userData')` for productName "Transcriptor". */
export function defaultAppDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = homedir()
  if (process.platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Transcriptor')
  if (process.platform === 'darwin')
    return join(home, 'Library', 'Application Support', 'Transcriptor')
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Transcriptor')
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    dataDir,
    database: join(dataDir, 'transcriptor.db'),
    logs: join(dataDir, 'logs'),
    outputs: join(dataDir, 'outputs'),
    uploads: join(dataDir, 'uploads'),
    tmp: join(dataDir, 'tmp'),
    outcomes: join(dataDir, 'outcomes'),
    models: join(dataDir, 'models'),
    secrets: join(dataDir, 'secrets.json')
  }
}

/** A job's work folder: its chunk plan and finished chunks (resume); kept until it completes. */
export function jobWorkDir(dataDir: string, jobId: number): string {
  return join(dataDir, 'work', `job-${jobId}`)
}

export function jobLogPath(dataDir: string, jobId: number): string {
  return join(dataDir, 'logs', `transcribe_job_${jobId}.log`)
}
