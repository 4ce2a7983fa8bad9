// A watch export cut off by a crash (names claimed, nothing written yet) is finished under the
// names it had claimed when the file is exported again: no empty file left beside `name (2)`.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { Transcript } from '@shared/transcript'
import type { WatchFolder } from '@shared/watch'
import { autoExport } from '../../../src/main/core/watch/autoExport'
import { claimOutputsSync } from '../../../src/main/pipeline/writeOutputs'
import { makeTempDir, removeDir } from '../../support/db'
import { testJobOptions } from '../../support/jobOptions'

const transcript: Transcript = {
  durationSeconds: 2,
  segments: [{ start: 0, end: 2, text: 'hello', words: [{ word: 'hello', start: 0, end: 2 }] }]
}
const job = { engine: 'pocketsphinx', model: '' } as const

let dir: string
let folder: WatchFolder
beforeEach(() => {
  dir = makeTempDir('transcriptor-auto-export-')
  folder = {
    id: 1,
    path: join(dir, 'inbox'),
    recursive: false,
    outputDir: join(dir, 'out'),
    nameTemplate: '{name}',
    options: testJobOptions({ formats: ['txt', 'srt'] }),
    paused: false
  }
})
afterEach(() => removeDir(dir))

test('the names are handed over before they are written; a second export of another file numbers its own', async () => {
  const recorded: string[][] = []
  const claim = { earlier: null, claimed: (paths: string[]) => recorded.push(paths) }
  const first = await autoExport(folder, join(folder.path, 'talk.wav'), job, transcript, claim)
  const second = await autoExport(folder, join(dir, 'other', 'talk.wav'), job, transcript, claim)
  expect(recorded).toEqual([first, second])
  expect(readdirSync(folder.outputDir).sort()).toEqual([
    'talk (2).srt',
    'talk (2).txt',
    'talk.srt',
    'talk.txt'
  ])
})

test('an export cut off after its claim is finished under the names it claimed', async () => {
  // What a kill -9 between the claim and the write leaves: empty placeholders, recorded.
  const cut = Object.values(claimOutputsSync(['txt', 'srt'], folder.outputDir, 'talk'))
  expect(readFileSync(join(folder.outputDir, 'talk.txt'), 'utf8')).toBe('')
  const again: string[][] = []
  const outputs = await autoExport(folder, join(folder.path, 'talk.wav'), job, transcript, {
    earlier: cut,
    claimed: (paths) => again.push(paths)
  })
  expect(outputs.sort()).toEqual(cut.sort())
  expect(again).toEqual([])
  expect(readdirSync(folder.outputDir).sort()).toEqual(['talk.srt', 'talk.txt'])
  expect(readFileSync(join(folder.outputDir, 'talk.txt'), 'utf8')).toContain('hello')
})
