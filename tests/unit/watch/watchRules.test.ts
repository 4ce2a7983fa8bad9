// The watch folders' rules: which names wait for a rename, which folders are refused (and the
// reason a user reads), and the export name a template gives.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { NameTemplateSchema } from '@shared/watch'
import { isIgnoredName } from '@shared/mediaFiles'
import {
  exportBaseName,
  folderConflict,
  watchableFolder
} from '../../../src/main/core/watch/watchRules'
import { expandFolders, mediaInFolder } from '../../../src/main/core/watch/folderFiles'
import { makeTempDir, removeDir } from '../../support/db'

let dir: string
beforeEach(() => {
  dir = makeTempDir('transcriptor-watch-rules-')
})
afterEach(() => {
  chmodSync(dir, 0o700)
  removeDir(dir)
})

test('partial downloads, temporaries, ~$ files and dotfiles wait; a finished name is taken', () => {
  for (const name of ['talk.wav.part', 'talk.mp3.crdownload', 'x.tmp', '~$notes.docx', '.talk.wav'])
    expect(isIgnoredName(name), name).toBe(true)
  for (const name of ['talk.wav', 'part.mp3', 'my.tmp.wav'])
    expect(isIgnoredName(name), name).toBe(false)
})

test('a folder that is not there, not a folder, or unreadable is refused with its reason', async () => {
  expect(await watchableFolder(join(dir, 'nope'))).toEqual({
    problem: `${join(dir, 'nope')}: folder not found`
  })
  writeFileSync(join(dir, 'file.wav'), 'x')
  expect(await watchableFolder(join(dir, 'file.wav'))).toEqual({
    problem: `${join(dir, 'file.wav')}: not a folder`
  })
  expect(await watchableFolder('relative/dir')).toEqual({
    problem: 'relative/dir: not an absolute path'
  })
  const locked = join(dir, 'locked')
  mkdirSync(locked)
  chmodSync(locked, 0)
  const result = await watchableFolder(locked)
  chmodSync(locked, 0o700)
  // root reads anything: only an unprivileged user sees the refusal.
  if (process.getuid?.() !== 0)
    expect(result).toEqual({ problem: `${locked}: permission denied, the folder cannot be read` })
})

test('a folder inside its output folder, the same folder twice, a folder inside a recursive one: refused', () => {
  const watched = { path: '/rec/in', outputDir: '/rec/out', recursive: true }
  expect(folderConflict({ ...watched, outputDir: '/rec' }, [])).toMatch(/inside its output folder/)
  expect(folderConflict({ ...watched, outputDir: '/rec/in/out' }, [])).toMatch(
    /output folder \/rec\/in\/out is inside \/rec\/in/
  )
  expect(folderConflict(watched, [{ path: '/rec/in', recursive: false }])).toBe(
    '/rec/in is watched already'
  )
  expect(
    folderConflict({ ...watched, path: '/rec/in/day1' }, [{ path: '/rec/in', recursive: true }])
  ).toMatch(/inside \/rec\/in/)
  expect(folderConflict(watched, [{ path: '/rec/other', recursive: true }])).toBeNull()
  // Without subfolders, an output folder inside the watched one is not watched: allowed.
  expect(folderConflict({ ...watched, recursive: false, outputDir: '/rec/in/out' }, [])).toBeNull()
})

test('a template fills {name} {date} {engine} {model}; unknown fields and slashes are refused', () => {
  const when = new Date('2026-03-04T10:00:00Z')
  expect(
    exportBaseName(
      '{date} {name} ({engine} {model})',
      '/a/talk.m4a',
      { engine: 'whisper', model: 'base.en' },
      when
    )
  ).toBe('2026-03-04 talk (whisper base.en)')
  expect(exportBaseName('{name}', '/a/talk.wav', { engine: 'pocketsphinx', model: '' }, when)).toBe(
    'talk'
  )
  expect(NameTemplateSchema.safeParse('{name}-{speaker}').success).toBe(false)
  expect(NameTemplateSchema.safeParse('a/{name}').success).toBe(false)
  expect(NameTemplateSchema.safeParse('{name} {date}').success).toBe(true)
})

test('a folder given to transcribe stands for its media files, recursively; others are counted', async () => {
  mkdirSync(join(dir, 'in/sub'), { recursive: true })
  for (const f of ['in/a.wav', 'in/sub/b.mp3', 'in/notes.txt', 'in/.hidden.wav', 'in/c.wav.part'])
    writeFileSync(join(dir, f), 'x')
  const found = await expandFolders([join(dir, 'in'), join(dir, 'single.wav')])
  expect(found.files).toEqual([
    join(dir, 'in/a.wav'),
    join(dir, 'in/sub/b.mp3'),
    join(dir, 'single.wav')
  ])
  expect(found.folders).toEqual([{ path: join(dir, 'in'), media: 2, skipped: 1 }])
})

test('a folder dropped on the window: its media files as `transcribe DIR` takes them, or a reason', async () => {
  mkdirSync(join(dir, 'drop/sub'), { recursive: true })
  for (const f of ['drop/sub/a.wav', 'drop/sub/b.mp3', 'drop/notes.txt', 'drop/.x.wav', 'file.wav'])
    writeFileSync(join(dir, f), 'x')
  expect(await mediaInFolder(join(dir, 'drop'))).toEqual({
    files: [join(dir, 'drop/sub/a.wav'), join(dir, 'drop/sub/b.mp3')],
    skipped: 1
  })
  await expect(mediaInFolder(join(dir, 'file.wav'))).rejects.toThrow(/^is not a folder$/)
  await expect(mediaInFolder(join(dir, 'gone'))).rejects.toThrow(/^cannot be read: ENOENT/)
})
