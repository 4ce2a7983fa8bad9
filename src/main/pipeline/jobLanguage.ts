// Language 'auto' is detected once per job, not once per chunk: whisper.cpp detecting on every
// chunk runs its encoder twice for each. The first chunk to start detects (with all the job's
// cores, as the other lanes wait for it), then every chunk is given that language; the job log
// says which, in one line. A worker whose model knows one language (whisper's .en) never detects.
import { availableParallelism } from 'node:os'
import type { TimedWord } from '@shared/transcript'
import type { ChunkOptions, EngineWorker } from '../engines/types'
import type { Log } from './events'

export class JobLanguage {
  /** Settles with the detected language, or null when detection failed (chunks then detect). */
  private detection: Promise<string | null> | null = null

  constructor(private readonly log: Log) {}

  async transcribe(
    worker: EngineWorker,
    wavPath: string,
    options: ChunkOptions
  ): Promise<TimedWord[]> {
    if ((options.language || 'auto') !== 'auto' || !worker.detectsLanguage)
      return (await worker.transcribe(wavPath, options)).words
    if (this.detection) {
      const language = (await this.detection) ?? 'auto'
      return (await worker.transcribe(wavPath, { ...options, language })).words
    }
    let settle: (language: string | null) => void = () => undefined
    this.detection = new Promise((resolve) => (settle = resolve))
    const threads = Math.max(options.threads, availableParallelism())
    try {
      const { words, language } = await worker.transcribe(wavPath, { ...options, threads })
      settle(language)
      this.log(
        language
          ? `language detected on the first chunk: ${language} (given to every chunk)`
          : 'language not reported on the first chunk: each chunk detects its own'
      )
      return words
    } catch (err) {
      this.detection = null // the next chunk to start detects instead
      settle(null)
      throw err
    }
  }
}
