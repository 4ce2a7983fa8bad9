import { describe, expect, it } from 'vitest'
import { CUT_MARKER, LineSplitter } from '../../../src/main/os/lineSplitter'

describe('LineSplitter', () => {
  it('keeps a partial line until its end arrives', () => {
    const s = new LineSplitter()
    expect(s.push(Buffer.from('hel'))).toEqual([])
    expect(s.push(Buffer.from('lo\nwor'))).toEqual(['hello'])
    expect(s.push(Buffer.from('ld\n'))).toEqual(['world'])
    expect(s.flush()).toEqual([])
  })

  it('ends lines at LF and CRLF, keeps empty lines, and flushes an unterminated last line', () => {
    const s = new LineSplitter()
    expect(s.push(Buffer.from('a\r\nb\n\nc\r'))).toEqual(['a', 'b', ''])
    expect(s.push(Buffer.from('\nd'))).toEqual(['c'])
    expect(s.flush()).toEqual(['d'])
  })

  it('reassembles a UTF-8 character split across chunks', () => {
    const bytes = Buffer.from('naïve ✓\n')
    const s = new LineSplitter()
    const lines: string[] = []
    for (let i = 0; i < bytes.length; i++) lines.push(...s.push(bytes.subarray(i, i + 1)))
    expect(lines).toEqual(['naïve ✓'])
  })

  it('caps a huge line at the limit and says how many bytes were cut (issue 11 #3)', () => {
    const s = new LineSplitter(10)
    const out = [...s.push(Buffer.from('x'.repeat(25))), ...s.push(Buffer.from('yy\nz\n'))]
    expect(out).toEqual([`${'x'.repeat(10)}[… 17 bytes cut]`, 'z'])
    expect(CUT_MARKER.exec(out[0])?.[1]).toBe('17')
  })

  it('counts cut bytes, not characters, and caps a flushed last line too', () => {
    const s = new LineSplitter(4)
    expect(s.push('abcdéé')).toEqual([])
    expect(s.flush()).toEqual(['abcd[… 4 bytes cut]'])
  })

  it('takes a 100 MB line without a newline in linear time and bounded memory', () => {
    const s = new LineSplitter()
    const block = Buffer.alloc(64 * 1024, 0x41)
    const started = Date.now()
    const heapBefore = process.memoryUsage().heapUsed
    for (let i = 0; i < 1600; i++) expect(s.push(block)).toEqual([])
    const [line] = s.push('\n')
    expect(Date.now() - started).toBeLessThan(5000)
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024)
    expect(line.length).toBeLessThan(65 * 1024)
    expect(line).toMatch(/\[… 104792064 bytes cut\]$/)
  })
})
