// One GET on a connection of its own (net, or tls for https), read without node:http. Its parser
// hands a body over in socket-sized pieces, each copied into a new Buffer: about 700 ms of CPU
// per 256 MiB on loopback, more than the rest of a download together. Here the socket reads
// straight into a few reused 1 MiB buffers (the `onread` option of net and tls sockets), and the
// body goes to its sink as views of them, 256 KiB or more at a time (or what came within
// HAND_OFF_MS, so a slow download's .part and progress stay current). The head is parsed in
// replyHead.ts, a chunked body in chunkedBody.ts.
// Deadlines: the head must arrive within `connectMs` of the request; after it, a body silent for
// `idleMs` fails with that reason, as does the abort signal (its reason: "cancelled").
import { connect as netConnect, isIP, type OnReadOpts, type Socket } from 'node:net'
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls'
import { ChunkedBody } from './chunkedBody'
import { DownloadError } from './downloadError'
import { ReadBuffers } from './readBuffers'
import { framingOf, parseHead, requestHead, type Framing, type ReplyHead } from './replyHead'

export interface DownloadTimeouts {
  /** From the request to the reply's headers (connect, TLS, server think time). */
  connectMs: number
  /** Longest silence in the body before the connection is given up. */
  idleMs: number
}

/** Takes body bytes in order; `release` once they are written (their buffer is then reused). */
export type BodySink = (bytes: Buffer, release: () => void) => void

export interface Reply extends ReplyHead {
  /** The body's Content-Length; null when it is chunked or ends when the server closes. */
  length: number | null
  /** Closes the connection without reading the body. */
  discard(): void
  /** Reads the whole body into `sink`: resolves once it ended as framed, rejects with why not
   * (a sink that throws stops the reading with its error). */
  read(sink: BodySink): Promise<void>
  /** Stops reading with `why` as the reason `read` rejects with. */
  stop(why: Error): void
}

const HAND_OFF_BYTES = 256 * 1024
const HAND_OFF_MS = 200
const MAX_HEAD = 64 * 1024

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`

/** Sends the GET; resolves with the reply once its head (past 1xx heads) has arrived. */
export function openReply(
  url: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
  timeouts: DownloadTimeouts
): Promise<Reply> {
  return new ReplyConnection(url, headers, signal, timeouts).head
}

function connectTo(url: URL, onread: OnReadOpts): Socket {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') // an IPv6 literal without its brackets
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80)
  if (url.protocol !== 'https:') return netConnect({ host, port, onread })
  // tls.connect hands its options to the net.Socket it makes, `onread` included; its typings lack it.
  const options: ConnectionOptions & { onread: OnReadOpts } = { host, port, onread }
  if (!isIP(host)) options.servername = host
  return tlsConnect(options)
}

type Phase = 'head' | 'waiting' | 'body' | 'over'

class ReplyConnection implements Reply {
  status = 0
  statusText = ''
  headers: Partial<Record<string, string>> = {}
  length: number | null = null
  readonly head: Promise<Reply>
  private phase: Phase = 'head'
  private readonly socket: Socket
  private readonly buffers = new ReadBuffers()
  private readonly noAnswer: NodeJS.Timeout
  private gotHead: (reply: Reply) => void = () => undefined
  private noHead: (err: Error) => void = () => undefined
  private framing: Framing = { kind: 'close' }
  /** Body bytes still to come, for a Content-Length body. */
  private left = 0
  private chunked: ChunkedBody | null = null
  private sink: BodySink | null = null
  private settle: { resolve: () => void; reject: (err: Error) => void } | null = null
  /** What ended the connection between the head and `read`. */
  private early: Error | null = null
  private lastHandOff = 0

  constructor(
    private readonly url: URL,
    headers: Record<string, string>,
    private readonly signal: AbortSignal,
    private readonly timeouts: DownloadTimeouts
  ) {
    this.head = new Promise((resolve, reject) => {
      this.gotHead = resolve
      this.noHead = reject
    })
    this.socket = connectTo(url, {
      buffer: () => this.buffers.room(),
      callback: (n, into) => this.onRead(n, into)
    })
    this.socket.write(requestHead(url, headers))
    this.noAnswer = setTimeout(
      () =>
        this.socket.destroy(
          new DownloadError(`no answer from ${url.host} within ${seconds(timeouts.connectMs)}`)
        ),
      timeouts.connectMs
    )
    const cancel = (): void => void this.socket.destroy(new Error('cancelled'))
    if (signal.aborted) queueMicrotask(cancel)
    else signal.addEventListener('abort', cancel, { once: true })
    this.socket.on('error', (err) => this.failed(err))
    this.socket.on('timeout', () =>
      this.socket.destroy(new Error(`no data for ${seconds(timeouts.idleMs)}`))
    )
    this.socket.on('end', () => this.ended())
    this.socket.on('close', () => {
      signal.removeEventListener('abort', cancel)
      this.failed(new Error('socket hang up'))
    })
  }

  read(sink: BodySink): Promise<void> {
    if (this.phase !== 'waiting') return Promise.reject(new Error('the reply was read already'))
    this.phase = 'body'
    this.sink = sink
    const done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }))
    this.lastHandOff = Date.now()
    if (this.early) this.dropped(this.early)
    else {
      this.deliver() // body bytes that came with the head
      if (this.reading()) this.socket.resume()
    }
    return done
  }

  discard(): void {
    clearTimeout(this.noAnswer)
    this.phase = 'over'
    this.socket.destroy()
  }

  stop(why: Error): void {
    if (this.phase === 'body') this.finish(why)
    else this.discard()
  }

  /** Bytes were read into the buffers' room: false pauses the socket. */
  private onRead(n: number, into: Uint8Array): boolean {
    const b = this.buffers
    b.landed(n, into)
    if (this.phase === 'head') return this.readHead()
    if (this.phase !== 'body') return false
    const due =
      b.pending() >= HAND_OFF_BYTES || b.full() || Date.now() - this.lastHandOff >= HAND_OFF_MS
    if (due) this.deliver()
    return this.reading() && b.moveOn(this.resumeWhenFree)
  }

  /** Whether the body is still being read (a hand-off may have ended it). */
  private reading(): boolean {
    return this.phase === 'body'
  }

  private readonly resumeWhenFree = (): void => {
    if (this.phase === 'body') this.socket.resume()
  }

  /** Parses the head once it is all in; then pauses until `read` or `discard`. */
  private readHead(): boolean {
    const b = this.buffers
    for (;;) {
      const bytes = b.unread()
      const end = bytes.indexOf('\r\n\r\n')
      if (end < 0) {
        if (bytes.length > MAX_HEAD)
          this.failed(new DownloadError(`${this.url.host} sent more than 64 KiB of headers`))
        return this.phase === 'head'
      }
      b.skip(end + 4)
      try {
        const head = parseHead(bytes.toString('latin1', 0, end), this.url.host)
        if (head.status >= 100 && head.status < 200 && head.status !== 101) continue
        this.took(head)
      } catch (err) {
        this.failed(err as Error)
      }
      return false
    }
  }

  private took(head: ReplyHead): void {
    Object.assign(this, head)
    // Only a body we read needs framing: a redirect's or an error's is never read.
    if (head.status === 200 || head.status === 206) this.framing = framingOf(head, this.url.host)
    if (this.framing.kind === 'length') this.left = this.length = this.framing.length
    if (this.framing.kind === 'chunked') this.chunked = new ChunkedBody()
    clearTimeout(this.noAnswer)
    this.socket.setTimeout(this.timeouts.idleMs)
    this.phase = 'waiting'
    this.gotHead(this)
  }

  /** Hands the bytes read since the last hand-off to the sink, unframed; finishes a whole body. */
  private deliver(): void {
    this.lastHandOff = Date.now()
    try {
      for (const { bytes, owner } of this.buffers.take()) this.unframe(bytes, owner)
    } catch (err) {
      return this.finish(err as Error)
    }
    if ((this.framing.kind === 'length' && this.left === 0) || this.chunked?.done) this.finish(null)
  }

  private unframe(bytes: Buffer, owner: Buffer): void {
    let body = bytes
    if (this.framing.kind === 'length') {
      body = bytes.subarray(0, this.left)
      this.left -= body.length
    }
    for (const piece of this.chunked ? this.chunked.take(body) : [body])
      if (piece.length > 0) this.sink?.(piece, this.buffers.hold(owner))
  }

  private ended(): void {
    if (this.phase !== 'body') return this.failed(new Error('socket hang up'))
    this.deliver()
    this.finish(this.framing.kind === 'close' ? null : new Error('aborted'))
  }

  private failed(err: Error): void {
    if (this.phase === 'head') {
      this.discard()
      this.noHead(this.headError(err))
    } else if (this.phase === 'waiting') this.early ??= err
    else if (this.phase === 'body') this.dropped(err)
  }

  private headError(err: Error): Error {
    if (this.signal.aborted) return new Error('cancelled')
    if (err instanceof DownloadError) return err
    return new DownloadError(`cannot reach ${this.url.host}: ${err.message}`)
  }

  /** What arrived before a drop is still written, so a resume continues after it. */
  private dropped(err: Error): void {
    this.deliver()
    this.finish(err)
  }

  private finish(err: Error | null): void {
    if (this.phase !== 'body') return
    this.phase = 'over'
    this.socket.destroy()
    if (err) this.settle?.reject(err)
    else this.settle?.resolve()
  }
}
