// A loopback OpenAI-compatible transcription server that answers every upload with the same known
// words (so a test can tell its words from an engine's), or never answers (`hang`: a redo stopped
// midway; a number: only that many first requests, then it answers: a redo killed and resumed). Words given as text are placed one every 0.3 s; timed words keep their own times.
// Timed words may name their speaker (`speaker`, the server's own label such as "SPEAKER_00"): the
// reply then names speakers the way a diarizing server does, per segment (speaches and LocalAI:
// `segments[].speaker`, top-level words unnamed) or per word (`speaker_id`); else it names none.
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

/** Where a reply names the speakers of words that have one. */
export type SpeakersIn = 'segments' | 'words'

/** One segment per run of one speaker's words, naming that speaker. */
function speakerSegments(timed: readonly TimedWord[]): object[] {
  const runs: TimedWord[][] = []
  for (const w of timed) {
    const run = runs.at(-1)
    if (run && run[0].speaker === w.speaker) run.push(w)
    else runs.push([w])
  }
  return runs.map((run, id) => ({
    id,
    start: run[0].start,
    end: run[run.length - 1].end,
    text: ' ' + run.map((w) => w.word).join(' '),
    speaker: run[0].speaker
  }))
}

function reply(words: readonly string[] | readonly TimedWord[], speakersIn: SpeakersIn): string {
  const timed = words.map((w, i) =>
    typeof w === 'string' ? { word: w, start: 0.2 + i * 0.3, end: 0.45 + i * 0.3 } : w
  )
  const text = timed.map((w) => w.word).join(' ')
  const named = timed.some((w) => w.speaker)
  const wire = timed.map(({ speaker, ...w }) => ({
    ...w,
    probability: 0.97,
    ...(named && speakersIn === 'words' && { speaker_id: speaker })
  }))
  return JSON.stringify({
    text,
    words: wire,
    ...(named && speakersIn === 'segments' && { segments: speakerSegments(timed) })
  })
}

export async function startFixedWordsServer(
  words: readonly string[] | readonly TimedWord[],
  o: { hang?: true | number; speakersIn?: SpeakersIn } = {}
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
      if (o.hang === true || state.requests <= (o.hang ?? 0)) {
        open.add(res)
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(reply(words, o.speakersIn ?? 'segments'))
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
