// A chunked body comes in pieces cut wherever the socket's reads ended: the data read out of it is
// the same wherever the cuts fall (inside a size line, its CRLF, a chunk, the trailer), extensions
// and trailers are skipped, what follows the last chunk is not data, and a malformed body is one
// line.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ChunkedBody } from '../../../src/main/core/models/chunkedBody'

const data = randomBytes(300)
const wire = Buffer.concat([
  Buffer.from('64\r\n'),
  data.subarray(0, 100),
  Buffer.from('\r\nC8;name=value\r\n'),
  data.subarray(100, 300),
  Buffer.from('\r\n0\r\nX-Checksum: none\r\n\r\nHTTP/1.1 200 OK\r\n')
])

function read(pieces: Buffer[]): { data: Buffer; done: boolean } {
  const body = new ChunkedBody()
  const out = pieces.flatMap((p) => body.take(p))
  return { data: Buffer.concat(out), done: body.done }
}

describe('chunked body', () => {
  it('in one piece: the data, done at the last chunk, nothing after it', () => {
    expect(read([wire])).toEqual({ data, done: true })
  })

  it('cut in two at every byte, and in 1-byte pieces: the same data', () => {
    for (let cut = 0; cut <= wire.length; cut++)
      expect(read([wire.subarray(0, cut), wire.subarray(cut)])).toEqual({ data, done: true })
    const bytes = [...wire].map((b) => Buffer.from([b]))
    expect(read(bytes)).toEqual({ data, done: true })
  })

  it('not done while the last chunk has not come', () => {
    expect(read([wire.subarray(0, 320)]).done).toBe(false)
  })

  it.each([
    ['a size that is not hex', 'zz\r\nabc\r\n'],
    ['a chunk longer than its size', '3\r\nabcd\r\n'],
    ['a size line without end', `${'1'.repeat(5000)}`]
  ])('%s: one line', (_, text) => {
    expect(() => read([Buffer.from(text)])).toThrow(/^the server sent a malformed chunked body$/)
  })
})
