// The OpenAI-compatible protocol's pure parts: where requests go, what answers mean, and the
// one-line reasons for everything a broken server can send.
import { describe, expect, it } from 'vitest'
import { endpointLabel, endpointUrlProblem } from '@shared/endpoints'
import {
  endpointUrls,
  parseRetryAfter,
  parseTranscription,
  EndpointError,
  statusError,
  wordsFromSegment
} from '../../../src/main/engines/endpointProtocol'
import { networkReason, redact } from '../../../src/main/engines/endpointRequest'
import { parseEndpointOption } from '../../../src/main/cli/endpointOption'
import { budgetStretch } from '../../support/loadBudget'

describe('endpoint URLs', () => {
  it('accepts the server root, /v1, or the full transcriptions URL', () => {
    for (const base of [
      'http://gpu:8000',
      'http://gpu:8000/',
      'http://gpu:8000/v1',
      'http://gpu:8000/v1/audio/transcriptions'
    ]) {
      expect(endpointUrls(base)).toEqual({
        transcriptions: 'http://gpu:8000/v1/audio/transcriptions',
        models: 'http://gpu:8000/v1/models'
      })
    }
    expect(endpointUrls('https://api.groq.com/openai/v1').transcriptions).toBe(
      'https://api.groq.com/openai/v1/audio/transcriptions'
    )
  })

  it('refuses non-http(s) URLs and credentials in the URL, with a reason', () => {
    expect(endpointUrlProblem('ftp://host/x')).toMatch(/only http:\/\/ and https:\/\//)
    expect(endpointUrlProblem('file:///etc/passwd')).toMatch(/only http/)
    expect(endpointUrlProblem('http://user:pw@host')).toMatch(/must not contain credentials/)
    expect(endpointUrlProblem('http://host/v1?api_key=x')).toMatch(/query/)
    expect(endpointUrlProblem('not a url')).toMatch(/not a URL/)
    expect(endpointUrlProblem('https://api.openai.com/v1')).toBeNull()
    expect(endpointLabel('http://127.0.0.1:8080/v1/')).toBe('127.0.0.1:8080/v1')
  })

  it('--endpoint URL[,model=…,concurrency=N]; the key only by reference', () => {
    expect(parseEndpointOption('http://a:1,model=base.en,concurrency=3', true)).toEqual({
      baseUrl: 'http://a:1',
      model: 'base.en',
      concurrency: 3,
      keyRef: 'env'
    })
    expect(parseEndpointOption('http://a:1', false)).toEqual({
      baseUrl: 'http://a:1',
      model: 'whisper-1',
      concurrency: 1
    })
    expect(parseEndpointOption('http://a:1,timeout=45', false).timeoutSeconds).toBe(45)
    // Out of range is refused with the shared rule's one line, never clamped.
    expect(() => parseEndpointOption('http://a:1,timeout=0', false)).toThrow(
      /^--endpoint http:\/\/a:1: a request timeout is whole seconds from 1 to 86400, not '0'$/
    )
    expect(() => parseEndpointOption('http://a:1,timeout=100000', false)).toThrow(/1 to 86400/)
    expect(() => parseEndpointOption('http://a:1,timeout=1.5', false)).toThrow(/whole seconds/)
    expect(() => parseEndpointOption('http://a:1,concurrency=0', false)).toThrow(/concurrency=N/)
    expect(() => parseEndpointOption('http://u:p@a:1', false)).toThrow(/credentials/)
  })
})

/** The EndpointError a reply is refused with (fails the test when it is accepted). */
function refusal(body: string, chunkSeconds: number): EndpointError {
  try {
    parseTranscription(body, chunkSeconds)
  } catch (e) {
    return e as EndpointError
  }
  throw new Error(`accepted ${body.slice(0, 80)}`)
}

describe('a reply held against its chunk', () => {
  const reply = (words: { word: string; start: number; end: number }[]): string =>
    JSON.stringify({ text: words.map((w) => w.word).join(' '), words })

  it('times outside the chunk, negative, backwards or out of order: retryable, one line', () => {
    const cases: [string, RegExp][] = [
      [
        reply([{ word: 'a', start: 1e300, end: 1e300 }]),
        /a word at 1e\+300 s, outside the 5 s chunk/
      ],
      ['{"words":[{"word":"a","start":0,"end":1e400}]}', /a word at Infinity s, outside/],
      [reply([{ word: 'a', start: -5, end: 1 }]), /a word at -5 s, outside the 5 s chunk/],
      [
        reply([{ word: 'a', start: 2.5, end: 0.5 }]),
        /a word that ends \(0\.5 s\) before it starts \(2\.5 s\)/
      ],
      [
        reply([
          { word: 'a', start: 2, end: 2.5 },
          { word: 'b', start: 0.1, end: 0.5 }
        ]),
        /words out of order \(0\.1 s after 2 s\)/
      ],
      [
        JSON.stringify({ segments: [{ start: 0, end: 1e300, text: 'a b' }] }),
        /outside the 5 s chunk/
      ]
    ]
    for (const [body, reason] of cases) {
      const error = refusal(body, 5)
      expect(error).toBeInstanceOf(EndpointError)
      expect(error.message).toMatch(reason)
      expect(error.message).not.toContain('\n')
      expect(error.fatal).toBe(false)
    }
  })

  it('more words or text than anyone can say in the chunk is refused, quickly', () => {
    const started = performance.now()
    const error = refusal(JSON.stringify({ text: 'word '.repeat(2_000_000) }), 30)
    // Parsing 10 MB takes seconds; refusing it before the parse takes far less than one.
    expect(performance.now() - started).toBeLessThan(500 * budgetStretch())
    expect(error.message).toBe('answered 10000011 characters for a 30 s chunk (at most 512000)')
    const words = Array.from({ length: 700 }, (_, i) => ({ word: 'w', start: i / 25, end: i / 25 }))
    expect(refusal(reply(words), 30).message).toBe(
      'answered 700 words for a 30 s chunk (at most 620)'
    )
    expect(refusal(JSON.stringify({ text: 'x'.repeat(10_000) }), 30).message).toBe(
      'answered 10000 characters of text for a 30 s chunk (at most 8000)'
    )
  })

  it('rounding at the edges is clamped into the chunk, not refused', () => {
    const body = reply([
      { word: 'a', start: -0.2, end: 0.3 },
      { word: 'b', start: 0.29, end: 0.28 },
      { word: 'c', start: 4.8, end: 5.4 }
    ])
    expect(parseTranscription(body, 5)).toEqual([
      { word: 'a', start: 0, end: 0.3 },
      { word: 'b', start: 0.29, end: 0.29 },
      { word: 'c', start: 4.8, end: 5 }
    ])
  })

  it("other servers' shapes still read: whisper.cpp's nested words, LocalAI's text and nanoseconds", () => {
    const whisperCpp = JSON.stringify({
      language: 'english',
      segments: [
        {
          start: 0,
          end: 1,
          text: ' hi there',
          words: [
            { word: ' hi', start: 0.1, end: 0.4 },
            { word: ' there', start: 0.5, end: 0.9 }
          ]
        }
      ]
    })
    const localAi = JSON.stringify({
      text: 'hi there',
      words: [
        { text: 'hi', start: 100_000_000, end: 400_000_000 },
        { text: 'there', start: 500_000_000, end: 900_000_000 }
      ]
    })
    const expected = [
      { word: 'hi', start: 0.1, end: 0.4 },
      { word: 'there', start: 0.5, end: 0.9 }
    ]
    expect(parseTranscription(whisperCpp, 5)).toEqual(expected)
    expect(parseTranscription(localAi, 5)).toEqual(expected)
  })
})

describe('responses', () => {
  it('words when the server gives them', () => {
    const body = JSON.stringify({
      text: 'hello world',
      words: [
        { word: ' hello', start: 0.1, end: 0.4 },
        { word: 'world', start: 0.5, end: 0.9 }
      ],
      segments: [{ start: 0, end: 1, text: 'hello world' }]
    })
    expect(parseTranscription(body, 10)).toEqual([
      { word: 'hello', start: 0.1, end: 0.4 },
      { word: 'world', start: 0.5, end: 0.9 }
    ])
  })

  it("a word's probability when the server gives one (speaches, whisper.cpp); none otherwise", () => {
    const body = JSON.stringify({
      words: [
        { word: 'sure', start: 0.1, end: 0.4, probability: 0.93 },
        { word: 'maybe', start: 0.5, end: 0.9, probability: 0.21 },
        { word: 'odd', start: 1, end: 1.2, probability: 7 },
        { word: 'plain', start: 1.3, end: 1.6 }
      ]
    })
    expect(parseTranscription(body, 10)).toEqual([
      { word: 'sure', start: 0.1, end: 0.4, probability: 0.93 },
      { word: 'maybe', start: 0.5, end: 0.9, probability: 0.21 },
      { word: 'odd', start: 1, end: 1.2 },
      { word: 'plain', start: 1.3, end: 1.6 }
    ])
  })

  it('segments when there are no words (spread over each segment by length)', () => {
    const body = JSON.stringify({ text: 'aa bb', segments: [{ start: 2, end: 4, text: ' aa bb' }] })
    expect(parseTranscription(body, 10)).toEqual([
      { word: 'aa', start: 2, end: 3 },
      { word: 'bb', start: 3, end: 4 }
    ])
    expect(wordsFromSegment('', 0, 1)).toEqual([])
  })

  it('garbage is a one-line, retryable reason', () => {
    const reasons = [
      ['<!doctype html><form>Sign in</form>', /HTML page/],
      ['{"text": "x", "words": [', /invalid JSON/],
      ['{}', /200 with no text/]
    ] as const
    for (const [body, reason] of reasons) {
      const error = (() => {
        try {
          parseTranscription(body, 5)
        } catch (e) {
          return e as EndpointError
        }
        throw new Error('parsed garbage')
      })()
      expect(error).toBeInstanceOf(EndpointError)
      expect(error.message).toMatch(reason)
      expect(error.fatal).toBe(false)
    }
    expect(parseTranscription('{"text": ""}', 5)).toEqual([])
  })

  it('HTTP statuses: key and model problems are fatal, 5xx and 429 are retried', () => {
    expect(statusError(401, '{"error":{"message":"Incorrect API key"}}', null)).toMatchObject({
      message: 'not authorised (HTTP 401): Incorrect API key',
      fatal: true
    })
    expect(statusError(404, '', null).fatal).toBe(true)
    expect(statusError(307, '', null).message).toMatch(/not followed with the API key/)
    expect(statusError(503, '<html>busy</html>', null)).toMatchObject({
      message: 'HTTP 503: an HTML page',
      fatal: false
    })
    expect(statusError(429, '', '2')).toMatchObject({ fatal: false, retryAfterMs: 2000 })
    expect(parseRetryAfter('86400')).toBe(60_000)
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000)
    expect(parseRetryAfter('soon')).toBeNull()
  })

  it('network failures in words; the key is redacted wherever it appears', () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' }
    })
    expect(networkReason(refused, 1000)).toBe('connection refused')
    expect(networkReason(Object.assign(new Error('x'), { name: 'TimeoutError' }), 15_000)).toBe(
      'no answer within 15 s'
    )
    expect(redact('bad key sk-abc123 given', 'sk-abc123')).toBe('bad key *** given')
    expect(redact('BAD KEY SK-ABC123 GIVEN, Sk-Abc123', 'sk-abc123')).toBe('BAD KEY *** GIVEN, ***')
    expect(redact('key a.b+c(d) and aXb+c(d)', 'a.b+c(d)')).toBe('key *** and aXb+c(d)')
  })
})
