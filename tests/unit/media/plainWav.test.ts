// Which WAV headers are read as they are (no ffprobe, no ffmpeg): only PCM, 16 kHz, mono, 16-bit
// with a data chunk the file holds whole; every other header goes through ffmpeg.
import { describe, expect, it } from 'vitest'
import { plainWavData } from '../../../src/main/media/plainWav'

interface Shape {
  tag?: number
  channels?: number
  rate?: number
  bits?: number
  dataBytes?: number
  /** Chunks between fmt and data (e.g. LIST metadata). */
  extra?: Buffer
}

function header(o: Shape = {}): Buffer {
  const fmt = Buffer.alloc(24)
  fmt.write('fmt ', 0, 'ascii')
  fmt.writeUInt32LE(16, 4)
  fmt.writeUInt16LE(o.tag ?? 1, 8)
  fmt.writeUInt16LE(o.channels ?? 1, 10)
  fmt.writeUInt32LE(o.rate ?? 16000, 12)
  fmt.writeUInt32LE((o.rate ?? 16000) * (o.channels ?? 1) * 2, 16)
  fmt.writeUInt16LE((o.channels ?? 1) * 2, 20)
  fmt.writeUInt16LE(o.bits ?? 16, 22)
  const data = Buffer.alloc(8)
  data.write('data', 0, 'ascii')
  data.writeUInt32LE(o.dataBytes ?? 32000, 4)
  const riff = Buffer.alloc(12)
  riff.write('RIFF', 0, 'ascii')
  riff.writeUInt32LE(0xffffffff, 4)
  riff.write('WAVE', 8, 'ascii')
  return Buffer.concat([riff, fmt, o.extra ?? Buffer.alloc(0), data])
}

function list(bytes: number): Buffer {
  const chunk = Buffer.alloc(8 + bytes + (bytes % 2)) // with its pad byte
  chunk.write('LIST', 0, 'ascii')
  chunk.writeUInt32LE(bytes, 4)
  return chunk
}

describe('plainWavData', () => {
  it('finds the samples of a 16 kHz mono 16-bit PCM WAV', () => {
    expect(plainWavData(header(), 44 + 32000)).toEqual({ dataOffset: 44, dataBytes: 32000 })
  })

  it('finds them after other chunks, an odd-sized one padded as RIFF says', () => {
    const h = header({ extra: list(5) })
    expect(plainWavData(h, h.length + 32000)).toEqual({ dataOffset: 44 + 14, dataBytes: 32000 })
  })

  it('keeps trailing chunks after the data out of the samples', () => {
    expect(plainWavData(header(), 44 + 32000 + 100)).toEqual({ dataOffset: 44, dataBytes: 32000 })
  })

  it.each([
    ['another rate', { rate: 44100 }],
    ['stereo', { channels: 2 }],
    ['8-bit', { bits: 8 }],
    ['float samples', { tag: 3, bits: 32 }],
    ['an extensible header', { tag: 0xfffe }],
    ['a streaming size', { dataBytes: 0xffffffff }],
    ['no samples', { dataBytes: 0 }],
    ['half a sample', { dataBytes: 31999 }]
  ])('leaves %s to ffmpeg', (_what, shape: Shape) => {
    expect(plainWavData(header(shape), 44 + 64000)).toBeNull()
  })

  it('leaves a file cut short (its header claims more than it holds) to ffmpeg', () => {
    expect(plainWavData(header(), 44 + 16000)).toBeNull()
  })

  it('leaves what is not a WAV to ffmpeg', () => {
    expect(plainWavData(Buffer.from('ID3\u0004\u0000 an mp3'), 1000)).toBeNull()
    expect(plainWavData(Buffer.alloc(0), 0)).toBeNull()
  })
})
