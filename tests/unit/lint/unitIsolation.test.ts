// The unit project shares one module cache between files (vitest.config.mts): a file that
// replaces a module with vi.mock must be in the isolated list there, or its stand-in would be
// what the next file in the same worker imports.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../../..')

function unitFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return unitFiles(path)
    return entry.name.endsWith('.test.ts') ? [path] : []
  })
}

describe('unit files that mock modules run isolated', () => {
  it('lists every unit file that calls vi.mock or vi.doMock in the isolated project', () => {
    const config = readFileSync(join(ROOT, 'vitest.config.mts'), 'utf8')
    const mocking = unitFiles(join(ROOT, 'tests/unit'))
      .filter((file) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file))
    expect(mocking.length).toBeGreaterThan(0)
    expect(mocking.filter((file) => !config.includes(`'${file}'`))).toEqual([])
  })
})
