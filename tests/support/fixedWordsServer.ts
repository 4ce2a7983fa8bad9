// A loopback OpenAI-compatible transcription server that answers every upload with the same known
// words (so a test can tell its words from an engine's), or never answers (`hang`: a redo stopped
// midway). Words given as text are placed one every 0.3 s; timed words keep their own times.
// Real HTTP on 127.0.0.1; run inside the test process.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TimedWord } from '@shared/transcript'

export interface FixedWordsServer {
  url: string
  /** Transcription requests received so far. */
  requests: number
  close(): Promise<void>
}

function reply(words: readonly string[] | readonly TimedWord[]): string {
  const timed = words.map((w, i) =>
    typeof w === 'string' ? { word: w, start: 0.2 + i * 0.3, end: 0.45 + i * 0.3 } : w
  )
  const text = timed.map((w) => w.word).join(' ')
  return JSON.stringify({ text, words: timed.map((w) => ({ ...w, probability: 0.97 })) })
}

export async function startFixedWordsServer(
  words: readonly string[] | readonly TimedWord[],
  o: { hang?: boolean } = {}
): Promise<FixedWordsServer> {
  const open = new Set<ServerResponse>()
  const state = { requests: 0 }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ data: [{ id: 'fixed' }] }))
      return
    }
    req.on('data', () => undefined)
    req.on('end', () => {
      state.requests++
      if (o.hang) {
        open.add(res)
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(reply(words))
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests
    },
    close: () =>
      new Promise<void>((done) => {
        for (const res of open) res.destroy()
        server.closeAllConnections()
        server.close(() => done())
      })
  }
}
