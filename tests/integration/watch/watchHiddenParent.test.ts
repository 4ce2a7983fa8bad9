// A watched folder inside a hidden folder (~/.local/share/…, a scratch or temp folder under a
// dot-folder): a recording copied in after the watch started is transcribed. Before, every event
// of such a folder was dropped, its own path being read as a hidden name, so only the files there
// at the first scan were ever taken.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { makeTempDir, removeDir } from '../../support/db'
import { espeakSpeech } from '../../support/speech'
import { waitFor } from '../../support/waitFor'
import { watchFolder, type WatchedFolder } from '../../support/watchedFolder'

let dir = ''
let watched: WatchedFolder | null = null
afterEach(async () => {
  await watched?.close()
  watched = null
  removeDir(dir)
})

test('a folder inside a hidden folder: a recording copied in after the start is transcribed', async () => {
  dir = makeTempDir('transcriptor-watch-hidden-')
  const inbox = join(dir, '.local', 'recorder')
  const out = join(dir, 'transcripts')
  mkdirSync(inbox, { recursive: true })
  const clip = espeakSpeech(dir, 'hello world', 'clip.wav')
  watched = await watchFolder(join(dir, 'data'), inbox, out)
  const { lines } = watched

  copyFileSync(clip, join(inbox, 'memo.wav.part'))
  copyFileSync(clip, join(inbox, '.memo.wav'))
  const exported = join(out, 'memo.txt')
  const exportedOne = async (): Promise<boolean> => (await watched?.exported()) === 1
  copyFileSync(join(inbox, 'memo.wav.part'), join(inbox, 'memo.wav'))
  await waitFor(exportedOne, `${exported} to be written`, 30_000, 100).catch((error: unknown) => {
    throw new Error(`${String(error)}\n--- the watch said ---\n${lines.join('\n')}`)
  })
  expect(readFileSync(exported, 'utf8').trim()).toBe('hello world')
  await watched.service.watch.idle()
  // The names that are not taken yet inside it are still left alone.
  const [folder] = await watched.service.handlers['watch.list']({}, { clientId: 'settings-page' })
  expect(folder.status.counts).toMatchObject({ exported: 1, skipped: 0, failed: 0 })
})
