import { describe, expect, it } from 'vitest'
import { ffprobeReason, parseFfprobeJson } from '../../../src/main/media/mediaProbe'
import { meaningfulTail } from '../../../src/main/os/meaningfulTail'
import { wavHeader } from '../../../src/main/media/decode'

describe('parseFfprobeJson', () => {
  it('reads duration and the first audio stream', () => {
    const json = JSON.stringify({
      streams: [
        { codec_type: 'video', codec_name: 'h264' },
        { codec_type: 'audio', codec_name: 'aac', duration: '12.5' }
      ],
      format: { duration: '12.48' }
    })
    expect(parseFfprobeJson(json)).toEqual({
      durationSeconds: 12.48,
      audioCodec: 'aac',
      hasAudio: true,
      hasVideo: true,
      audioClaimSeconds: 12.5
    })
  })

  it('reports a video without audio', () => {
    const json = JSON.stringify({ streams: [{ codec_type: 'video' }], format: { duration: 'N/A' } })
    expect(parseFfprobeJson(json)).toMatchObject({
      hasAudio: false,
      hasVideo: true,
      durationSeconds: 0
    })
  })
})

describe('audioClaimSeconds: how long the file says its sound is', () => {
  const probe = (streams: object[], duration: string): number =>
    parseFfprobeJson(JSON.stringify({ streams, format: { duration } })).audioClaimSeconds
  it('the audio stream’s own length, not a longer video’s', () => {
    const video = { codec_type: 'video', duration: '12.8' }
    expect(probe([video, { codec_type: 'audio', duration: '11.0' }], '12.8')).toBe(11)
    // Matroska/WebM: the length is a tag.
    expect(
      probe([video, { codec_type: 'audio', tags: { DURATION: '00:00:11.500000000' } }], '12.8')
    ).toBe(11.5)
    // A video whose audio says nothing: no claim (the container's length is the picture's).
    expect(probe([video, { codec_type: 'audio' }], '12.8')).toBe(0)
    // Audio alone: the container's length is the audio's.
    expect(probe([{ codec_type: 'audio' }], '24.7')).toBe(24.7)
  })
})

describe('ffprobeReason', () => {
  it('keeps the last line without demuxer or path prefixes', () => {
    const stderr =
      '[mp3 @ 0x55] Failed to read frame size: Could not seek to 1026.\n/x/a b.mp3: Invalid argument\n'
    expect(ffprobeReason(stderr, '/x/a b.mp3')).toBe('Invalid argument')
    expect(ffprobeReason('[wav @ 0x1] no data tag found\n', '/y')).toBe('no data tag found')
    expect(ffprobeReason('', '/y')).toBe('ffprobe found no streams')
  })
})

describe('meaningfulTail', () => {
  it('prefers error lines over INFO chatter', () => {
    const stderr =
      'INFO: a\nERROR: "acmod.c", line 83: Acoustic model definition is not specified\nINFO: b\n'
    expect(meaningfulTail(stderr)).toBe(
      'ERROR: "acmod.c", line 83: Acoustic model definition is not specified'
    )
    expect(meaningfulTail('INFO: only info\n')).toBe('INFO: only info')
    const pocketsphinx =
      "-wip\t\t\t0.65\t\t6.5e-01\n-wlen\t\t\t0.025625\nERROR: \"acmod.c\", line 78: Folder '/m' does not contain acoustic model definition 'mdef'\n"
    expect(meaningfulTail(pocketsphinx)).toBe(
      "ERROR: \"acmod.c\", line 78: Folder '/m' does not contain acoustic model definition 'mdef'"
    )
  })
})

describe('wavHeader', () => {
  it('describes 16 kHz mono 16-bit PCM of the given size', () => {
    const h = wavHeader(32000)
    expect(h.toString('ascii', 0, 4)).toBe('RIFF')
    expect(h.readUInt32LE(4)).toBe(36 + 32000)
    expect(h.readUInt16LE(22)).toBe(1)
    expect(h.readUInt32LE(24)).toBe(16000)
    expect(h.readUInt16LE(34)).toBe(16)
    expect(h.readUInt32LE(40)).toBe(32000)
  })
})
