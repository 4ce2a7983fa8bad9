// An ONNX file's `metadata_props`, read in TypeScript before sherpa-onnx sees the file: sherpa's
// native code exits the whole process (or crashes) on a model whose metadata it does not like, so
// the speaker models are checked here first (speakerModelCheck.ts). An ONNX model is a protobuf
// `ModelProto`; its metadata is field 14 (`StringStringEntryProto`: key 1, value 2). The graph
// (field 7, the weights) is skipped by seeking, so a 30 MB model costs a few small reads.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'
import { oneLineError } from '@shared/errors'
import { fileKind } from '../../os/regularFile'

/** The file cannot be read as an ONNX model; the message is the one line to show. */
export class OnnxFileError extends Error {}

const METADATA_FIELD = 14
const GRAPH_FIELD = 7
const IR_VERSION_FIELD = 1
/** A metadata entry larger than this is not metadata sherpa reads (and not worth the memory). */
const MAX_ENTRY_BYTES = 1 << 20

export interface OnnxModelInfo {
  metadata: Map<string, string>
  hasGraph: boolean
}

/** Reads varints and fields from a byte range of an open file, a chunk at a time. */
class FileReader {
  private buffer = Buffer.alloc(0)
  private bufferAt = 0
  constructor(
    private readonly fd: number,
    readonly size: number,
    public at = 0
  ) {}

  byte(): number {
    if (this.at >= this.size) throw new OnnxFileError('truncated')
    if (this.at < this.bufferAt || this.at >= this.bufferAt + this.buffer.length) {
      this.buffer = Buffer.alloc(Math.min(65536, this.size - this.at))
      readSync(this.fd, this.buffer, 0, this.buffer.length, this.at)
      this.bufferAt = this.at
    }
    return this.buffer[this.at++ - this.bufferAt]
  }

  varint(): number {
    let value = 0
    for (let shift = 0; shift < 64; shift += 7) {
      const b = this.byte()
      // Past 2^53 the number is no longer exact; only lengths and small ints are read here.
      value += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) return value
    }
    throw new OnnxFileError('bad varint')
  }

  bytes(length: number): Buffer {
    if (this.at + length > this.size) throw new OnnxFileError('truncated')
    const out = Buffer.alloc(length)
    readSync(this.fd, out, 0, length, this.at)
    this.at += length
    return out
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint()
    else if (wireType === 1) this.at += 8
    else if (wireType === 5) this.at += 4
    else if (wireType === 2) {
      const length = this.varint() // read before `at` is: the varint moves it
      this.at += length
    } else throw new OnnxFileError(`wire type ${wireType}`)
    if (this.at > this.size) throw new OnnxFileError('truncated')
  }
}

/** key and value of one `StringStringEntryProto`. */
function parseEntry(bytes: Buffer): [string, string] {
  let key = ''
  let value = ''
  let at = 0
  const varint = (): number => {
    let v = 0
    for (let shift = 0; ; shift += 7) {
      if (at >= bytes.length || shift > 35) throw new OnnxFileError('bad metadata entry')
      const b = bytes[at++]
      v += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) return v
    }
  }
  while (at < bytes.length) {
    const tag = varint()
    if ((tag & 7) !== 2) throw new OnnxFileError('bad metadata entry')
    const length = varint()
    const text = bytes.subarray(at, at + length).toString('utf8')
    at += length
    if (tag >> 3 === 1) key = text
    else if (tag >> 3 === 2) value = text
  }
  return [key, value]
}

function readModel(fd: number, size: number): OnnxModelInfo {
  const reader = new FileReader(fd, size)
  const metadata = new Map<string, string>()
  let hasGraph = false
  let hasIrVersion = false
  while (reader.at < size) {
    const tag = reader.varint()
    const field = Math.floor(tag / 8)
    const wireType = tag & 7
    if (field === 0) throw new OnnxFileError('field 0')
    if (field === IR_VERSION_FIELD && wireType === 0) hasIrVersion = true
    if (field === GRAPH_FIELD && wireType === 2) hasGraph = true
    if (field === METADATA_FIELD && wireType === 2) {
      const length = reader.varint()
      if (length > MAX_ENTRY_BYTES) throw new OnnxFileError('huge metadata entry')
      const [key, value] = parseEntry(reader.bytes(length))
      metadata.set(key, value)
    } else reader.skip(wireType)
  }
  if (!hasIrVersion) throw new OnnxFileError('no ir_version')
  return { metadata, hasGraph }
}

/** The model's metadata, or OnnxFileError with one line (never the file's bytes). */
export function readOnnxMetadata(path: string): OnnxModelInfo {
  let fd: number
  try {
    // A pipe would block the open itself: only a regular file is opened (re-checked on the fd).
    const named = statSync(path)
    if (!named.isFile()) throw new OnnxFileError(`${path} is ${fileKind(named)}, not a file`)
    fd = openSync(path, 'r')
  } catch (err) {
    if (err instanceof OnnxFileError) throw err
    throw new OnnxFileError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`)
  }
  try {
    const stats = fstatSync(fd)
    if (stats.size === 0) throw new OnnxFileError(`${path} is empty, not an ONNX model`)
    return readModel(fd, stats.size)
  } catch (err) {
    if (err instanceof OnnxFileError && err.message.startsWith(path)) throw err
    throw new OnnxFileError(`${path} is not an ONNX model (${oneLineError(err)})`)
  } finally {
    closeSync(fd)
  }
}
