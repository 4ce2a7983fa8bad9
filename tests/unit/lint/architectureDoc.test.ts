// docs/ARCHITECTURE.md is the newcomer's map: every folder of src/ is in its table, and every
// src/ folder the table names exists. A new folder without a line there fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const doc = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8')

function foldersUnder(dir: string): string[] {
  const found: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (!statSync(path).isDirectory()) continue
    found.push(relative(ROOT, path), ...foldersUnder(path))
  }
  return found
}

/** Folders named in the first column of the "where each concept lives" table. */
function tableFolders(): string[] {
  const rows = doc.split('\n').filter((line) => line.startsWith('| `'))
  return rows.flatMap((row) =>
    [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1])
  )
}

describe('docs/ARCHITECTURE.md', () => {
  it('has a line for every folder of src/', () => {
    const missing = foldersUnder(join(ROOT, 'src')).filter((f) => !tableFolders().includes(f))
    expect(missing).toEqual([])
  })

  it('names only folders that exist', () => {
    const gone = tableFolders().filter((f) => {
      try {
        return !statSync(join(ROOT, f)).isDirectory()
      } catch {
        return true
      }
    })
    expect(gone).toEqual([])
  })
})
