// Exports of a transcript with speakers: who speaks leads each turn (txt, md, srt), every VTT cue
// carries its voice, json names the speaker on every segment and word; without speakers, nothing
// changes. Also the speaker edits the job page saves (rename, merge, move a segment, talk time).
import { describe, expect, it } from 'vitest'
import type { Transcript } from '@shared/transcript'
import { TranscriptSchema } from '@shared/transcript'
import { toJson, toMarkdown, toSrt, toTxt, toVtt } from '@shared/transcriptFormats'
import {
  mergeSpeakers,
  renameSpeaker,
  setSegmentSpeaker,
  speakerTurns,
  talkTimes
} from '@shared/speakerEdits'
import { interviewTranscript } from '../../support/speakerSeed'

const withoutSpeakers = (t: Transcript): Transcript => ({
  durationSeconds: t.durationSeconds,
  segments: t.segments.map(({ speaker: _s, ...seg }) => ({
    ...seg,
    words: seg.words.map(({ speaker: _w, ...w }) => w)
  }))
})

describe('exports with speakers', () => {
  const t = renameSpeaker(interviewTranscript(), 'S2', 'Dr <Ann> & Co')

  it('txt and md: a paragraph per turn, led by the name', () => {
    expect(toTxt(t)).toBe(
      'Speaker 1: Good morning and welcome to the programme.\n\n' +
        'Dr <Ann> & Co: Thank you for having me. It is a real pleasure.\n\n' +
        'Speaker 1: Let us talk about rivers.\n'
    )
    const md = toMarkdown(t, 'Interview')
    expect(md).toContain('**[0:00] Speaker 1:** Good morning')
    expect(md).toContain('**[0:03] Dr \\<Ann\\> & Co:** Thank you for having me. It is a real')
  })

  it('srt: the name at the start of each turn only', () => {
    const srt = toSrt(t)
    expect(srt.match(/Dr <Ann> & Co: /g)).toHaveLength(1)
    expect(srt).toContain('Speaker 1: Good morning and\nwelcome to the programme.')
    expect(srt).toContain('\nIt is a real pleasure.\n')
    expect(srt).toContain('Speaker 1: Let us talk about rivers.')
  })

  it('vtt: a voice span on every cue, escaped', () => {
    const vtt = toVtt(t)
    expect(vtt).toContain('<v Dr &lt;Ann&gt; &amp; Co>Thank you for having me.')
    expect(vtt).toContain('<v Dr &lt;Ann&gt; &amp; Co>It is a real pleasure.')
    expect(vtt.match(/<v Speaker 1>/g)).toHaveLength(2)
  })

  it('json: speaker on every segment and word, and the speakers list; it reads back', () => {
    const json = JSON.parse(toJson(t)) as Transcript
    expect(json.speakers).toEqual([
      { id: 'S1', name: 'Speaker 1' },
      { id: 'S2', name: 'Dr <Ann> & Co' }
    ])
    for (const seg of json.segments) {
      expect(seg.speaker).toMatch(/^S[12]$/)
      for (const w of seg.words) expect(w.speaker).toBe(seg.speaker)
    }
    expect(TranscriptSchema.safeParse(json).success).toBe(true)
  })

  it('leaves transcripts without speakers as they were', () => {
    const plain = withoutSpeakers(t)
    expect(toTxt(plain).split('\n')[0]).toBe('Good morning and welcome to the programme.')
    expect(toSrt(plain)).not.toContain('Speaker')
    expect(toVtt(plain)).not.toContain('<v ')
    expect(toJson(plain)).not.toContain('speaker')
    expect(toMarkdown(plain, 'x')).toContain('**[0:00]** Good morning')
  })
})

describe('speaker edits', () => {
  it('merges one speaker into another: segments and words follow, the list shrinks', () => {
    const merged = mergeSpeakers(interviewTranscript(), 'S2', 'S1')
    expect(merged.speakers?.map((s) => s.id)).toEqual(['S1'])
    expect(merged.segments.every((s) => s.speaker === 'S1')).toBe(true)
    expect(merged.segments.flatMap((s) => s.words).every((w) => w.speaker === 'S1')).toBe(true)
    expect(speakerTurns(merged)).toHaveLength(1)
    expect(TranscriptSchema.safeParse(merged).success).toBe(true)
  })

  it('moves one segment to another speaker, and counts talk time per speaker', () => {
    const moved = setSegmentSpeaker(interviewTranscript(), 2, 'S1')
    expect(moved.segments.map((s) => s.speaker)).toEqual(['S1', 'S2', 'S1', 'S1'])
    expect(moved.segments[2].words.every((w) => w.speaker === 'S1')).toBe(true)
    const times = talkTimes(interviewTranscript())
    expect(times.map((x) => [x.speaker.id, x.segments])).toEqual([
      ['S1', 2],
      ['S2', 2]
    ])
    expect(times[1].seconds).toBeCloseTo(1.95 + 1.95, 5)
  })
})
