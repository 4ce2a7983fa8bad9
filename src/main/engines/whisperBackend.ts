// Which whisper runs a job: the bundled binding (a worker process per lane) or whisper-cli from
// PATH (TRANSCRIPTOR_WHISPER_BACKEND=cli, a process per chunk). Apart from whisper.ts so the
// pipeline can read it before it loads the engines (pipeline/spawnFirstWorker.ts).
export type WhisperBackend = 'bundled' | 'cli'

export function whisperBackend(env: NodeJS.ProcessEnv = process.env): WhisperBackend {
  return env.TRANSCRIPTOR_WHISPER_BACKEND === 'cli' ? 'cli' : 'bundled'
}
