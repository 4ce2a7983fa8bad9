// A loopback transcription server that speaks OpenAI's `POST /v1/audio/transcriptions` and really
// transcribes: the upload (FLAC, WAV, anything ffmpeg reads) is decoded to 16 kHz WAV and run
// through pocketsphinx_continuous, so its words can be compared with a local run. Faulty variants
// answer the way broken servers do (500, 429 + Retry-After, a hang, a dropped connection, invalid
// JSON, 401, an HTML login page, 200 with no text, a huge body, a redirect to another host) or
// answer a hostile 200 (10 MB of text, word times of 1e300, negative, backwards or out of order).
// Dialects answer real transcriptions the way other servers shape them (whisper.cpp, LocalAI).
// Run it as its own process (sttServerMain.ts) so a test can kill it mid-job.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { pocketsphinxArgs } from '../../src/main/engines/pocketsphinx'
import { parseContinuousTimes } from '../../src/main/engines/pocketsphinxOutput'

const run = promisify(execFile)

export const STT_FAULTS = [
  '500',
  '429',
  'hang',
  'drop',
  'badjson',
  '401',
  'html',
  'empty',
  'huge',
  'redirect',
  'hugetext',
  'fartimes',
  'negative',
  'backwards',
  'disorder'
] as const
export type SttFault = (typeof STT_FAULTS)[number]

/**
 * How a real transcription is shaped: OpenAI's (top-level `words`), whisper.cpp's server (words
 * nested in segments, the language named in full), an older LocalAI's (words with `text`, times
 * in nanoseconds), or OpenAI's with one 2,000-character "word" at the end.
 */
export const STT_DIALECTS = ['openai', 'whispercpp', 'localai-ns', 'longword'] as const
export type SttDialect = (typeof STT_DIALECTS)[number]

export interface SttServerOptions {
  port?: number
  fault?: SttFault
  /** The fault answers only the first N transcription requests; then the server works. */
  faultTimes?: number
  /** Answer only `segments` (no `words`), like servers without word timestamps. */
  segmentsOnly?: boolean
  dialect?: SttDialect
  /** Required as `Authorization: Bearer …` when set. */
  apiKey?: string
  /** Model names /v1/models lists (and transcriptions accept). */
  models?: string[]
  /**
   * Chunks (numbered from 1, by the uploaded file's name `chunk-N.flac`) answered with a repetition
   * loop after their real words, the way whisper loops at temperature 0; a request that sends a
   * temperature above 0 (the loop guard's re-run) gets the real words, unless the chunk is also
   * in `stubbornChunks` (it loops whatever the temperature).
   */
  loopChunks?: number[]
  stubbornChunks?: number[]
  /**
   * An upload whose bytes a server of this process already transcribed gets the same words again
   * without running pocketsphinx (for cases about the reply's shape, not about the engine).
   */
  reuseWords?: boolean
  /** Where to log one line per request. */
  log?: (line: string) => void
}

interface Upload {
  file: Blob
  fileName: string
  model: string
  language: string | null
  responseFormat: string | null
  granularities: string[]
  temperature: number
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of req) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

async function parseUpload(req: IncomingMessage): Promise<Upload> {
  const body = await readBody(req)
  const form = await new Request('http://loopback/', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body
  }).formData()
  const file = form.get('file')
  if (!(file instanceof Blob)) throw new Error('no file field')
  return {
    file,
    fileName: file instanceof File ? file.name : 'upload',
    model: String(form.get('model') ?? ''),
    language: form.has('language') ? String(form.get('language')) : null,
    responseFormat: form.has('response_format') ? String(form.get('response_format')) : null,
    granularities: form.getAll('timestamp_granularities[]').map(String),
    temperature: Number(form.get('temperature') ?? 0) || 0
  }
}

interface Word {
  word: string
  start: number
  end: number
}

/** Decodes with ffmpeg and transcribes with pocketsphinx, as the app's local engine does. */
async function transcribe(upload: Upload): Promise<{ words: Word[]; duration: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'stt-server-'))
  try {
    const input = join(dir, upload.fileName.replace(/[^\w.-]/g, '_') || 'upload')
    await writeFile(input, Buffer.from(await upload.file.arrayBuffer()))
    const wav = join(dir, 'audio.wav')
    await run('ffmpeg', [
      '-nostdin',
      '-loglevel',
      'error',
      '-y',
      '-i',
      input,
      '-ac',
      '1',
      '-ar',
      '16000',
      // A bare 44-byte header: pocketsphinx_continuous reads a LIST chunk as samples.
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      wav
    ])
    const args = pocketsphinxArgs('continuous', wav, '')
    const { stdout } = await run('pocketsphinx_continuous', args, {
      maxBuffer: 64 * 1024 * 1024
    })
    // 16 kHz mono 16-bit after the bare 44-byte header: the length tells the duration.
    const duration = Math.max(0, ((await stat(wav)).size - 44) / 32_000)
    return { words: parseContinuousTimes(stdout), duration }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Words already heard in this process, by the uploaded bytes' hash (reuseWords). */
const heardBefore = new Map<string, Promise<{ words: Word[]; duration: number }>>()

async function transcribeOnce(
  upload: Upload,
  reuse: boolean
): Promise<{ words: Word[]; duration: number; reused: boolean }> {
  if (!reuse) return { ...(await transcribe(upload)), reused: false }
  const bytes = Buffer.from(await upload.file.arrayBuffer())
  const key = createHash('sha256').update(bytes).digest('hex')
  const before = heardBefore.get(key)
  if (before) return { ...(await before), reused: true }
  const heard = transcribe(upload)
  heardBefore.set(key, heard)
  heard.catch(() => heardBefore.delete(key))
  return { ...(await heard), reused: false }
}

/** Segments of up to 12 words, the way whisper-style servers group text. */
function segmentsOf(words: Word[]): { id: number; start: number; end: number; text: string }[] {
  const segments = []
  for (let i = 0; i < words.length; i += 12) {
    const group = words.slice(i, i + 12)
    segments.push({
      id: segments.length,
      start: group[0].start,
      end: group[group.length - 1].end,
      text: ' ' + group.map((w) => w.word).join(' ')
    })
  }
  return segments
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body)
  })
  res.end(body)
}

/** Answers the way a broken server does; returns false when the request should be served. */
function answerFault(fault: SttFault, req: IncomingMessage, res: ServerResponse): void {
  switch (fault) {
    case '500':
      return sendJson(res, 500, { error: { message: 'internal server error (test fault)' } })
    case '429':
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ error: { message: 'rate limited (test fault)' } }))
    case 'hang':
      return // never answers; the socket stays open until the client gives up
    case 'drop':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' })
      res.write('{"text": "half of a')
      setTimeout(() => req.socket.destroy(), 20)
      return
    case 'badjson':
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end('{"text": "not closed", "words": [')
    case '401':
      return sendJson(res, 401, { error: { message: 'Incorrect API key provided' } })
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' })
      return void res.end('<!doctype html><html><body><form>Sign in</form></body></html>')
    case 'empty':
      return sendJson(res, 200, {})
    case 'huge': {
      res.writeHead(200, { 'content-type': 'application/json' })
      const block = Buffer.alloc(1024 * 1024, 0x20)
      let sent = 0
      const pump = (): void => {
        // 1 GiB of spaces, written as fast as the client reads; it is cut off long before.
        while (sent < 1024 && res.write(block)) sent++
        if (sent >= 1024) res.end()
        else res.once('drain', pump)
      }
      res.write('{"text": "')
      return pump()
    }
    case 'redirect':
      res.writeHead(307, { location: 'http://127.0.0.2:9/v1/audio/transcriptions' })
      return void res.end()
    case 'hugetext':
      // Under the client's 32 MB cap: 2M "words" of plain text.
      return sendJson(res, 200, { text: 'word '.repeat(2_000_000) })
    default:
      return sendJson(res, 200, { text: 'one two', words: hostileWords[fault] })
  }
}

const hostileWords: Record<'fartimes' | 'negative' | 'backwards' | 'disorder', Word[]> = {
  fartimes: [
    { word: 'one', start: 0.1, end: 0.5 },
    { word: 'two', start: 1e300, end: 1e300 }
  ],
  negative: [
    { word: 'one', start: -5, end: 0.5 },
    { word: 'two', start: 1, end: 1.5 }
  ],
  backwards: [
    { word: 'one', start: 0.1, end: 0.5 },
    { word: 'two', start: 2.5, end: 0.5 }
  ],
  disorder: [
    { word: 'one', start: 2, end: 2.5 },
    { word: 'two', start: 0.1, end: 0.5 }
  ]
}

/** A real transcription in the shape the dialect's server answers. */
function dialectReply(
  dialect: SttDialect,
  words: Word[],
  duration: number,
  language: string
): Record<string, unknown> {
  const text = words.map((w) => w.word).join(' ')
  switch (dialect) {
    case 'openai':
      return { task: 'transcribe', language, duration, text, words, segments: segmentsOf(words) }
    case 'longword': {
      const last = words.at(-1)?.end ?? 0
      const long = { word: 'a'.repeat(2000), start: last, end: Math.max(last, duration - 0.1) }
      return { language, duration, text, words: [...words, long], segments: segmentsOf(words) }
    }
    case 'whispercpp': {
      const segments = segmentsOf(words).map((s, i) => ({
        ...s,
        words: words.slice(i * 12, i * 12 + 12)
      }))
      return { task: 'transcribe', language: 'english', duration, text, segments }
    }
    case 'localai-ns': {
      const ns = (t: number): number => Math.round(t * 1e9)
      return {
        text,
        words: words.map((w) => ({ text: w.word, start: ns(w.start), end: ns(w.end) }))
      }
    }
  }
}

export function createSttServer(o: SttServerOptions = {}): Server {
  const models = o.models ?? ['pocketsphinx', 'whisper-1']
  const log = o.log ?? (() => undefined)
  let transcriptions = 0
  return createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '').split('?')[0]
      const authorised = !o.apiKey || req.headers.authorization === `Bearer ${o.apiKey}`
      if (req.method === 'GET' && path === '/v1/models') {
        if (!authorised || o.fault === '401')
          return sendJson(res, 401, { error: { message: 'Incorrect API key provided' } })
        return sendJson(res, 200, {
          object: 'list',
          data: models.map((id) => ({ id, object: 'model' }))
        })
      }
      if (req.method !== 'POST' || path !== '/v1/audio/transcriptions') {
        return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } })
      }
      const number = ++transcriptions
      if (!authorised) {
        await readBody(req)
        log(`request ${number}: unauthorised`)
        return sendJson(res, 401, { error: { message: 'Incorrect API key provided' } })
      }
      if (o.fault && number <= (o.faultTimes ?? Infinity)) {
        await readBody(req)
        log(`request ${number}: fault ${o.fault}`)
        return answerFault(o.fault, req, res)
      }
      const upload = await parseUpload(req)
      if (!models.includes(upload.model)) {
        return sendJson(res, 404, { error: { message: `model '${upload.model}' not found` } })
      }
      const started = Date.now()
      const heard = await transcribeOnce(upload, o.reuseWords === true)
      const loops = loopsFor(o, upload)
      const words = loops ? withLoop(heard.words, heard.duration) : heard.words
      const { duration } = heard
      log(
        `request ${number}: ${upload.fileName} (${upload.file.size} bytes, ${upload.file.type}) ` +
          `model=${upload.model} format=${upload.responseFormat} granularities=${upload.granularities.join('+')} ` +
          `temperature=${upload.temperature} → ${words.length} words${loops ? ' (a loop)' : ''} in ${Date.now() - started} ms` +
          (heard.reused ? ' (heard before)' : '')
      )
      const reply = dialectReply(
        o.dialect ?? 'openai',
        words,
        duration,
        upload.language ?? 'english'
      )
      if (o.segmentsOnly) delete reply.words
      sendJson(res, 200, reply)
    })().catch((error: unknown) => {
      log(`server error: ${String(error)}`)
      if (!res.headersSent) sendJson(res, 400, { error: { message: String(error) } })
      else res.destroy()
    })
  })
}

/** Whether this upload is answered with a loop (SttServerOptions.loopChunks). */
function loopsFor(o: SttServerOptions, upload: Upload): boolean {
  const chunk = Number(/^chunk-(\d+)\./.exec(upload.fileName)?.[1] ?? 0)
  if (o.stubbornChunks?.includes(chunk)) return true
  return (o.loopChunks?.includes(chunk) ?? false) && upload.temperature === 0
}

/** The real words, then "thank you for watching" eight times over the rest of the chunk. */
export const LOOP_PHRASE = 'thank you for watching'
function withLoop(words: Word[], duration: number): Word[] {
  const phrase = LOOP_PHRASE.split(' ')
  // After the last real word, to the chunk's end (or half a second past it: servers pad).
  const from = words.at(-1)?.end ?? 0
  const count = 8 * phrase.length
  const step = Math.max(0.5, duration - from) / count
  const loop = Array.from({ length: count }, (_, i) => ({
    word: phrase[i % phrase.length],
    start: from + i * step,
    end: from + (i + 0.9) * step
  }))
  return [...words, ...loop]
}
