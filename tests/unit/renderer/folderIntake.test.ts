// A folder dropped on the page or chosen: its entries are read batch after batch until an empty one
// (Chromium answers 100 at a time), recursively, hidden and partial names left out; media files
// are added, others counted; a folder without media says so in one line; the question counts.
import { describe, expect, it } from 'vitest'
import type { TranscriptorApi } from '@shared/ipc/api'
import { filesInEntry } from '../../../src/renderer/src/lib/folderEntries'
import { folderQuestion, planIntake } from '../../../src/renderer/src/lib/folderIntake'
import type { Candidate } from '../../../src/renderer/src/lib/fileSubmission'

type Tree = { [name: string]: Tree | string }

/** A FileSystemDirectoryEntry over a tree, its reader answering `batch` entries at a time. */
function dirEntry(name: string, tree: Tree, batch = 2): FileSystemDirectoryEntry {
  const children = Object.entries(tree).map(([child, value]) =>
    typeof value === 'string'
      ? {
          name: child,
          isFile: true,
          isDirectory: false,
          file: (ok: (f: File) => void) => ok(new File([value], child))
        }
      : dirEntry(child, value, batch)
  )
  const entry = {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0
      return {
        readEntries: (ok: (entries: unknown[]) => void) => {
          const next = children.slice(at, at + batch)
          at += next.length
          setTimeout(() => ok(next), 0)
        }
      }
    }
  }
  return entry as unknown as FileSystemDirectoryEntry
}

const noPaths = { pathForFile: () => '' } as unknown as TranscriptorApi

function dropped(name: string, tree: Tree): Candidate {
  return { file: new File([], name), isDirectory: true, entry: dirEntry(name, tree) }
}

describe('a dropped folder walked in the page', () => {
  it('reads every batch until an empty one, recursively, leaving hidden and partial names out', async () => {
    const many: Tree = {}
    for (let i = 0; i < 7; i++) many[`take-${i}.wav`] = 'x'
    const found = await filesInEntry(
      dirEntry('Interviews', {
        'a.wav': 'x',
        'notes.txt': 'x',
        '.DS_Store': 'x',
        'late.mp3.part': 'x',
        'day 2': { 'b.mp3': 'x', deeper: many },
        '.cache': { 'c.wav': 'x' }
      })
    )
    expect(found.map((f) => f.path)).toEqual([
      'a.wav',
      'day 2/b.mp3',
      ...Object.keys(many).map((n) => `day 2/deeper/${n}`),
      'notes.txt'
    ])
    expect(found[0]?.file.name).toBe('a.wav')
  })

  it('adds the media files, counts the others, and asks with the counts', async () => {
    const loose: Candidate = { file: new File(['x'], 'beside.wav'), isDirectory: false }
    const plan = await planIntake(noPaths, [
      dropped('Interviews', { sub: { 'one.wav': 'x', 'two.mp3': 'x' }, 'notes.txt': 'x' }),
      loose
    ])
    expect(plan.items.map((i) => ('path' in i ? i.path : i.file.name))).toEqual([
      'one.wav',
      'two.mp3',
      'beside.wav'
    ])
    expect(plan.folders).toEqual([{ name: 'Interviews', media: 2, skipped: 1 }])
    expect(plan.rejected).toEqual([])
    expect(folderQuestion(plan)).toEqual({
      title: 'Add 2 media files from Interviews?',
      message: '1 other file skipped. Plus 1 file dropped beside it. Each file becomes its own job.'
    })
  })

  it('an empty folder, or one without media, is one line each and asks nothing', async () => {
    const plan = await planIntake(noPaths, [
      dropped('Empty', {}),
      dropped('Papers', { 'a.pdf': 'x', 'b.txt': 'x', '.hidden.wav': 'x' })
    ])
    expect(plan.items).toEqual([])
    expect(plan.folders).toEqual([])
    expect(plan.rejected).toEqual([
      { name: 'Empty', reason: 'the folder is empty' },
      { name: 'Papers', reason: 'no audio or video files inside (only 2 other files)' }
    ])
  })
})

describe('a folder the host lists, or one chosen with the folder picker', () => {
  it('asks the host when the folder has a path (Electron), and says why when it cannot', async () => {
    const asked: string[] = []
    const api = {
      pathForFile: (f: File) => `/home/me/${f.name}`,
      files: {
        expandFolder: async ({ path }: { path: string }) => {
          asked.push(path)
          if (path.endsWith('Locked')) throw new Error('cannot be read: EACCES')
          return { files: [`${path}/x/a.wav`, `${path}/b.flac`], skipped: 3 }
        }
      }
    } as unknown as TranscriptorApi
    const plan = await planIntake(api, [
      { file: new File([], 'Calls'), isDirectory: true },
      { file: new File([], 'Locked'), isDirectory: true }
    ])
    expect(asked).toEqual(['/home/me/Calls', '/home/me/Locked'])
    expect(plan.items).toEqual([
      { path: '/home/me/Calls/x/a.wav', name: 'a.wav' },
      { path: '/home/me/Calls/b.flac', name: 'b.flac' }
    ])
    expect(plan.rejected).toEqual([{ name: 'Locked', reason: 'cannot be read: EACCES' }])
    expect(folderQuestion(plan).title).toBe('Add 2 media files from Calls?')
    expect(folderQuestion(plan).message).toBe(
      '3 other files skipped. Each file becomes its own job.'
    )
  })

  it('groups a chosen folder by its relative paths, hidden files left out', async () => {
    const picked = (rel: string): Candidate => {
      const file = new File(['x'], rel.split('/').pop() as string)
      Object.defineProperty(file, 'webkitRelativePath', { value: rel })
      return { file, isDirectory: false, folder: rel.split('/')[0] }
    }
    const plan = await planIntake(noPaths, [
      picked('Talks/a.wav'),
      picked('Talks/sub/b.m4a'),
      picked('Talks/readme.md'),
      picked('Talks/.git/config'),
      picked('Other/c.ogg')
    ])
    expect(plan.folders).toEqual([
      { name: 'Talks', media: 2, skipped: 1 },
      { name: 'Other', media: 1, skipped: 0 }
    ])
    expect(folderQuestion(plan).title).toBe('Add 3 media files from Talks and Other?')
  })
})
