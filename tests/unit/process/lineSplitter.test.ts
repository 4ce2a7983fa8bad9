import { describe, expect, it } from 'vitest'
import { LineSplitter } from '../../../src/main/os/lineSplitter'

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

  it('cuts a huge line into bounded pieces without losing characters', () => {
    const s = new LineSplitter(10)
    const out = [...s.push(Buffer.from('x'.repeat(25))), ...s.push(Buffer.from('yy\nz\n'))]
    expect(out.join('')).toBe('x'.repeat(25) + 'yyz')
    expect(out.every((l) => l.length <= 10)).toBe(true)
    expect(out.at(-1)).toBe('z')
  })
})
