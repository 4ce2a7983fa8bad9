// A Word export stays a well-formed document whatever the transcript holds: characters XML 1.0
// has no place for (U+FFFE, U+FFFF, control characters, a lone surrogate) are replaced, and every
// XML part of the file is read back by a real XML parser (Python's expat, as Word would refuse).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, expect, it } from 'vitest'
import type { Transcript } from '@shared/transcript'
import { exportBytes } from '../../../src/renderer/src/lib/transcriptExport'

const dir = mkdtempSync(join(tmpdir(), 'transcriptor-docx-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HOSTILE = 'bad \uFFFE and \uFFFF, a bell \u0007, a tab\tstays, a lone \uD800 half, a 😀 stays'

function transcript(text: string): Transcript {
  const words = text.split(' ').map((word, i) => ({ word, start: i * 0.3, end: i * 0.3 + 0.25 }))
  return { durationSeconds: 10, segments: [{ start: 0, end: 9, text, words, speaker: 'S1' }] }
}

it('a transcript with characters XML cannot hold exports as a document an XML parser reads', async () => {
  const t = { ...transcript(HOSTILE), speakers: [{ id: 'S1', name: 'Ann \uFFFF' }] }
  const files = unzipSync(await exportBytes('docx', t, `title \uFFFE`))
  const parts = Object.keys(files).filter((name) => name.endsWith('.xml'))
  expect(parts).toContain('word/document.xml')
  const paths = parts.map((name) => {
    const path = join(dir, name.replace(/\//g, '_'))
    writeFileSync(path, files[name])
    return path
  })
  // Exits 1 ("not well-formed") on any character XML 1.0 forbids, in any part.
  const parse = 'import sys, xml.dom.minidom\nfor p in sys.argv[1:]: xml.dom.minidom.parse(p)'
  execFileSync('python3', ['-c', parse, ...paths])
  const body = new TextDecoder().decode(files['word/document.xml'])
  expect(body).toContain('a tab')
  expect(body).toContain('😀 stays')
  expect(body).toContain('bad \uFFFD and \uFFFD')
  expect(body).toContain('Ann \uFFFD')
}, 60_000)
