// Every VTT export (the pipeline's file and the job page's download are one renderer, toVtt) read
// by Chromium's own WebVTT parser, the one the player uses: each cue arrives, with its times, and
// its text exactly as written — `-->` does not drop a cue, `<…>` is not eaten as a tag, and
// `&amp;` stays `&amp;`.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Segment, Transcript } from '@shared/transcript'
import { transcriptCues } from '@shared/subtitleCues'
import { toVtt } from '@shared/transcriptFormats'
import { launchChromium } from '../../support/host'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

interface ParsedCue {
  start: number
  end: number
  text: string
}

/** The cues Chromium reads from a VTT text, through a <track> of a <video>. */
async function chromiumCues(vtt: string): Promise<ParsedCue[]> {
  const page = await browser.newPage()
  try {
    return await page.evaluate(async (text) => {
      type Cue = { startTime: number; endTime: number; getCueAsHTML(): { textContent: string } }
      type Track = { mode: string; cues: ArrayLike<Cue> | null }
      type TrackElement = {
        kind: string
        default: boolean
        src: string
        track: Track
        addEventListener(type: string, listener: () => void): void
      }
      const doc = (
        globalThis as unknown as { document: Record<string, (...a: unknown[]) => unknown> }
      ).document
      const video = doc.createElement('video') as { appendChild(n: unknown): void }
      const track = doc.createElement('track') as TrackElement
      track.kind = 'subtitles'
      track.default = true
      const url = (globalThis as unknown as { URL: { createObjectURL(b: unknown): string } }).URL
      const BlobCtor = (globalThis as unknown as { Blob: new (p: string[], o: object) => unknown })
        .Blob
      track.src = url.createObjectURL(new BlobCtor([text], { type: 'text/vtt' }))
      video.appendChild(track)
      ;(doc.body as unknown as { appendChild(n: unknown): void }).appendChild(video)
      track.track.mode = 'hidden'
      await new Promise<void>((done, fail) => {
        track.addEventListener('load', () => done())
        track.addEventListener('error', () => fail(new Error('Chromium refused the VTT')))
      })
      return Array.from(track.track.cues ?? []).map((c) => ({
        start: c.startTime,
        end: c.endTime,
        text: c.getCueAsHTML().textContent
      }))
    }, vtt)
  } finally {
    await page.close()
  }
}

function segment(start: number, end: number, text: string): Segment {
  const tokens = text.split(' ')
  const step = (end - start) / tokens.length
  return {
    start,
    end,
    text,
    words: tokens.map((word, i) => ({ word, start: start + i * step, end: start + (i + 1) * step }))
  }
}

describe('VTT read by Chromium', () => {
  it('every cue, its times and its text survive the browser’s parser', async () => {
    const transcript: Transcript = {
      durationSeconds: 20,
      segments: [
        segment(0, 2, 'plain words first'),
        segment(2, 4, 'an arrow --> in the middle'),
        segment(4, 6, 'a <b>tag</b> and <c.x>class</c> <00:00:05.000> text'),
        segment(6, 8, 'Tom &amp; Jerry & friends &lt; &#62;'),
        segment(8, 10, '-->'),
        segment(10, 12, 'NOTE not a comment'),
        segment(12, 14, 'last words')
      ]
    }
    const parsed = await chromiumCues(toVtt(transcript))
    const expected = transcriptCues(transcript.segments).map((c) => ({
      start: c.start,
      end: c.end,
      text: c.lines.join('\n')
    }))
    expect(parsed.map((c) => c.text)).toEqual(expected.map((c) => c.text))
    parsed.forEach((cue, i) => {
      expect(cue.start).toBeCloseTo(expected[i].start, 3)
      expect(cue.end).toBeCloseTo(expected[i].end, 3)
    })
  })
})
