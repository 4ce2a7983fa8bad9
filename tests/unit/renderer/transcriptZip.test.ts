// History's zip of several transcripts, read back and unpacked by a real `unzip`: whatever the job file names
// held (separators, `..`, control characters, a right-to-left override), every entry is one plain
// file in the folder it is unpacked into, named in one safe charset, and no two collide.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import { zipEntryName, zipTranscripts } from '../../../src/renderer/src/lib/transcriptZip'

const dir = mkdtempSync(join(tmpdir(), 'transcriptor-zip-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const SAFE = /^[\p{L}\p{M}\p{N} ._\-()[\]+,'&]+$/u

describe('zip entry names', () => {
  it('hostile file names unpack as plain, distinct files in one safe charset', () => {
    const names = [
      '..\\..\\evil.mp3',
      '../../etc/passwd.wav',
      'bell\u0007and\u001b[31mred.mp3',
      'holiday\u202Egpj.exe',
      '.hidden.mp3',
      'Ünïcödé 日本語 talk.mp3',
      'same.mp3',
      'same.mp3',
      '\u200F\u2066.mp3'
    ]
    const items = names.map((filename, i) => ({
      jobId: i < 7 ? i + 1 : 7,
      filename,
      bytes: new TextEncoder().encode(`transcript ${i}\n`)
    }))
    const zipPath = join(dir, 'transcripts.zip')
    const zip = zipTranscripts(items, 'srt')
    writeFileSync(zipPath, zip)
    const listed = Object.keys(unzipSync(zip))
    expect(listed).toHaveLength(names.length)
    expect(new Set(listed).size).toBe(names.length)
    for (const name of listed) {
      expect(name).toMatch(SAFE)
      expect(name).toMatch(/^\d+-[^.].*\.srt$/)
    }
    expect(listed).toContain('4-holiday_gpj.srt')
    expect(listed).toContain('6-Ünïcödé 日本語 talk.srt')

    const out = join(dir, 'unpacked')
    const unzip = spawnSync('unzip', ['-q', zipPath, '-d', out], { encoding: 'utf8' })
    expect(unzip.stderr + unzip.stdout).toBe('')
    expect(unzip.status).toBe(0)
    // Debian's unzip ignores the UTF-8 flag and spells the non-ASCII name its own way; what
    // matters is that every entry is a plain file right in the folder, none lost.
    const unpacked = readdirSync(out, { withFileTypes: true })
    expect(unpacked.filter((e) => e.isFile())).toHaveLength(names.length)
    expect(
      unpacked
        .map((e) => e.name)
        .filter((n) => /^[\x20-\x7e]+$/.test(n))
        .sort()
    ).toEqual(listed.filter((n) => /^[\x20-\x7e]+$/.test(n)).sort())
  })

  it('a name is kept recognisable, cut to a length every file system takes', () => {
    const name = zipEntryName(3, `${'long '.repeat(100)}.mp3`, 'txt', new Set())
    expect(name.length).toBeLessThanOrEqual(110)
    expect(name.startsWith('3-long long')).toBe(true)
    expect(zipEntryName(3, 'talk.mp3', 'txt', new Set(['3-talk.txt']))).toBe('3-talk (2).txt')
  })
})
