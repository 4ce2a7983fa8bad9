// A service watching one folder as Settings → Watch folders adds it, its recordings transcribed
// by a loopback endpoint that answers "hello world" (what a watch test tests is the watch, not
// the engine), with a short settle time and the watch's lines kept for the test to read.
import { DEFAULT_SETTINGS, jobOptionsIn } from '@shared/domain'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../src/main/core/service/transcriptionService'
import { startFixedWordsServer, type FixedWordsServer } from './fixedWordsServer'

export const WATCH_CLIENT = { clientId: 'settings-page' }

export interface WatchedFolder {
  service: TranscriptionService
  /** What the watch said, one line each. */
  lines: string[]
  /** The folder's files exported (a transcript's file exists, empty, from its name's claim on). */
  exported(): Promise<number>
  close(): Promise<void>
}

export async function watchFolder(
  dataDir: string,
  folder: string,
  outputDir: string
): Promise<WatchedFolder> {
  const engine: FixedWordsServer = await startFixedWordsServer(['hello', 'world'])
  const lines: string[] = []
  const service = createTranscriptionService({ dataDir })
  const close = async (): Promise<void> => {
    await service.shutdown('test over')
    await engine.close()
  }
  try {
    await service.start()
    service.watch.configure({ settleMs: 300, log: (line) => lines.push(line) })
    await service.watch.start()
    await service.handlers['watch.add'](
      {
        path: folder,
        recursive: false,
        outputDir,
        nameTemplate: '{name}',
        options: {
          ...jobOptionsIn(DEFAULT_SETTINGS),
          engine: 'openai',
          endpoints: [{ baseUrl: engine.url, model: 'fixed', concurrency: 1 }],
          vad: 'off',
          processes: 1,
          formats: ['txt']
        }
      },
      WATCH_CLIENT
    )
  } catch (error) {
    await close()
    throw error
  }
  const exported = async (): Promise<number> =>
    (await service.handlers['watch.list']({}, WATCH_CLIENT))[0].status.counts.exported
  return { service, lines, exported, close }
}
