// Unit files share their worker's module cache (vitest.config.mts: isolate false): a file that
// replaces a module with vi.mock would hand its stand-in to the next file in the same worker. So
// a unit file that mocks must be on the isolated list there.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../../..')

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return testFiles(path)
    return entry.name.endsWith('.test.ts') ? [path] : []
  })
}

const mocksModules = (file: string): boolean =>
  /\bvi\.(do)?[mM]ock\(/.test(readFileSync(file, 'utf8'))

describe('files that mock modules run isolated', () => {
  it('lists every unit file that calls vi.mock or vi.doMock in the isolated project', () => {
    const config = readFileSync(join(ROOT, 'vitest.config.mts'), 'utf8')
    const mocking = testFiles(join(ROOT, 'tests/unit'))
      .filter(mocksModules)
      .map((file) => relative(ROOT, file))
    expect(mocking.length).toBeGreaterThan(0)
    expect(mocking.filter((file) => !config.includes(`'${file}'`))).toEqual([])
  })
})
