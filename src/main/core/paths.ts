// Where Transcriptor keeps its files: the one description of the data dir's layout. One data dir
// holds the database, logs, outputs, uploads and per-job scratch space, so `--data-dir` isolates a
// whole installation (tests rely on it). Every path inside it is built here.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export interface DataPaths {
  dataDir: string
  database: string
  logs: string
  outputs: string
  uploads: string
  /** Per running job, scratch space (decoded audio, cut chunks): see jobTempDir. */
  tmp: string
  /** Per job, resume checkpoints kept until it completes: see jobWorkDir. */
  work: string
  /** Per running job, a reserved file for an outcome the database refuses (core/db/outcomes). */
  outcomes: string
  /** ggml model files downloaded or imported by this instance. */
  models: string
  /** Endpoint API keys for the CLI and the browser host (mode 0600). */
  secrets: string
  /** The app's endpoint API keys, encrypted with Electron's safeStorage. */
  safeSecrets: string
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
    work: join(dataDir, 'work'),
    outcomes: join(dataDir, 'outcomes'),
    models: join(dataDir, 'models'),
    secrets: join(dataDir, 'secrets.json'),
    safeSecrets: join(dataDir, 'secrets.safe.json')
  }
}

/** A job's work folder: its chunk plan and finished chunks (resume); kept until it completes. */
export function jobWorkDir(dataDir: string, jobId: number): string {
  return join(dataPaths(dataDir).work, `job-${jobId}`)
}

/** A running job's scratch folder; the pipeline removes it, workFolders sweeps what a crash left. */
export function jobTempDir(dataDir: string, jobId: number): string {
  return join(dataPaths(dataDir).tmp, `job-${jobId}`)
}

/** Where a job writes its transcript files unless it was given an output folder. */
export function jobOutputDir(dataDir: string, jobId: number): string {
  return join(dataPaths(dataDir).outputs, String(jobId))
}

/** Where recordings are written as they are made (a recorded job's input; kept like a dropped file). */
export function recordingsDir(dataDir: string): string {
  return join(dataDir, 'recordings')
}

export function jobLogPath(dataDir: string, jobId: number): string {
  return join(dataPaths(dataDir).logs, `transcribe_job_${jobId}.log`)
}
