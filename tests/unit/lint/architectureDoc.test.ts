// docs/ARCHITECTURE.md is the newcomer's map: every folder of src/ is in its table, every folder
// and file it names exists (a file moved without the map fails here), and the code's comments
// point inside the repository rather than at an issue tracker or a document it does not hold.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
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

/** Every repository path with a file extension the doc names in backticks. */
function namedFiles(): string[] {
  const named = [
    ...doc.matchAll(/`((?:src|migrations|tests|docs|scripts|bench|bin)\/[^`\s]+\.\w+)`/g)
  ]
  return [...new Set(named.map((m) => m[1]))]
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : [path]
  })
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

  it('names only files that exist, and names the owner of every concept', () => {
    const files = namedFiles()
    expect(files.filter((f) => !existsSync(join(ROOT, f)))).toEqual([])
    const concepts = doc.slice(doc.indexOf('## Concepts'), doc.indexOf('## Where each folder sits'))
    for (const concept of [
      'queue',
      'stop',
      'logs',
      'metrics',
      'reaper',
      'outcomes',
      'models'
    ].concat(['endpoints', 'transcripts', 'edits', 'search', 'exports', 'hosts'])) {
      expect(concepts).toMatch(new RegExp(`^\\| ${concept} +\\| \`src/`, 'm'))
    }
  })

  it('is what src/ comments point to: none cites an issue number, "the spec" or DESIGN.md', () => {
    const citation = /(\/\/|\/?\*).*(\bissue #?\d|\bthe spec's\b|\bDESIGN(\.md|'s|\b))/i
    const citing = sourceFiles(join(ROOT, 'src')).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => `${relative(ROOT, f)}:${i + 1}: ${line.trim()}`)
        .filter((line) => citation.test(line))
    )
    expect(citing).toEqual([])
  })
})
