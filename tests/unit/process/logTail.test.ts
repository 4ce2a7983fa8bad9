import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readLastLines } from '../../../src/main/os/logTail'

describe('readLastLines', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logtail-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))
  const file = (content: string | Buffer): string => {
    const path = join(dir, 'log')
    writeFileSync(path, content)
    return path
  }

  it('returns the last n lines with or without a trailing newline, and CRLF stripped', async () => {
    expect(await readLastLines(file('a\nb\nc\n'), 2)).toEqual(['b', 'c'])
    expect(await readLastLines(file('a\nb\nc'), 2)).toEqual(['b', 'c'])
    expect(await readLastLines(file('a\r\nb\r\nc\r\n'), 5)).toEqual(['a', 'b', 'c'])
    expect(await readLastLines(file('a\n\n'), 1)).toEqual([''])
  })

  it('handles empty and missing files and n = 0', async () => {
    expect(await readLastLines(file(''), 5)).toEqual([])
    expect(await readLastLines(join(dir, 'nope'), 5)).toEqual([])
    expect(await readLastLines(file('a\n'), 0)).toEqual([])
  })

  it('finds lines across 64 KiB blocks and decodes a character split at a block edge', async () => {
    // Put a 3-byte character exactly across the boundary 64 KiB from the end.
    const tailBytes = 64 * 1024
    const last = 'z'.repeat(tailBytes - 2) + '\n' // the final line ends the file
    const lines = ['first', `a${'✓'}b`, last.slice(0, -1)]
    const content = Buffer.from(`${lines[0]}\n${lines[1]}\n${last}`)
    const checkPos = content.length - tailBytes
    expect(content.subarray(checkPos - 2, checkPos + 1).toString()).not.toBe('') // sanity
    expect(await readLastLines(file(content), 2)).toEqual([lines[1], lines[2]])
    const many = Array.from({ length: 50_000 }, (_, i) => `line ${i} ${'é'.repeat(i % 5)}`)
    expect(await readLastLines(file(many.join('\n') + '\n'), 1234)).toEqual(many.slice(-1234))
  })
})
