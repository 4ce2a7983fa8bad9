// What is in a media file, via ffprobe. The JSON parsing is a pure function so it is unit-tested
// without a binary; `probeMedia` adds the user-facing reasons for every way a file can be wrong.
import { execFile } from 'node:child_process'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { oneLineError } from '@shared/errors'

export interface MediaProbe {
  durationSeconds: number
  /** Codec of the first audio stream, or null when there is none. */
  audioCodec: string | null
  hasAudio: boolean
  hasVideo: boolean
  /**
   * How long the file says its audio is: the audio stream's own length (a video may run on after
   * its sound ends), else the container's when there is no video; 0 when it claims nothing.
   */
  audioClaimSeconds: number
}

/** A problem with the input file, worded for the user (one line). */
export class BadInputError extends Error {}

interface FfprobeStream {
  codec_type?: string
  codec_name?: string
  duration?: string
  /** Matroska/WebM keep a stream's length here ("00:00:11.000000000"), not in `duration`. */
  tags?: { DURATION?: string }
}

/** A stream's own length in seconds, or 0 when ffprobe gives none. */
function streamSeconds(stream: FfprobeStream | undefined): number {
  const direct = Number(stream?.duration)
  if (Number.isFinite(direct) && direct > 0) return direct
  const tag = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(stream?.tags?.DURATION?.trim() ?? '')
  return tag ? Number(tag[1]) * 3600 + Number(tag[2]) * 60 + Number(tag[3]) : 0
}

/** Parses `ffprobe -print_format json -show_format -show_streams` output. */
export function parseFfprobeJson(json: string): MediaProbe {
  const parsed = JSON.parse(json) as { streams?: FfprobeStream[]; format?: { duration?: string } }
  const streams = parsed.streams ?? []
  const audio = streams.find((s) => s.codec_type === 'audio')
  const candidates = [parsed.format?.duration, audio?.duration].map((d) => Number(d))
  const durationSeconds = candidates.find((d) => Number.isFinite(d) && d > 0) ?? 0
  const hasVideo = streams.some((s) => s.codec_type === 'video')
  return {
    durationSeconds,
    audioCodec: audio?.codec_name ?? null,
    hasAudio: audio !== undefined,
    hasVideo,
    audioClaimSeconds: streamSeconds(audio) || (hasVideo ? 0 : durationSeconds)
  }
}

/** The last meaningful ffprobe error line, without its "[demuxer @ 0x…]" or "path:" prefix. */
export function ffprobeReason(stderr: string, inputPath: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const last = lines.at(-1) ?? 'ffprobe found no streams'
  const withoutPath = last.startsWith(inputPath + ':') ? last.slice(inputPath.length + 1) : last
  return withoutPath.replace(/^\[[^\]]*\]\s*/, '').trim()
}

/** Fails with a BadInputError when the path is not a readable, non-empty regular file. */
export function checkReadableFile(path: string): void {
  let size: number
  try {
    const st = statSync(path)
    if (st.isDirectory()) throw new BadInputError(`is a directory, not a file: ${path}`)
    if (!st.isFile()) throw new BadInputError(`not a regular file: ${path}`)
    size = st.size
  } catch (err) {
    if (err instanceof BadInputError) throw err
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new BadInputError(`file not found: ${path}`)
    throw new BadInputError(`cannot read ${path}: ${oneLineError(err)}`)
  }
  if (size === 0) throw new BadInputError(`file is empty: ${basename(path)}`)
  // Opening and reading one byte is the only honest test of "readable" (permissions, ACLs,
  // mandatory locks, FUSE mounts all disagree with mode bits).
  try {
    const fd = openSync(path, 'r')
    try {
      readSync(fd, Buffer.alloc(1), 0, 1, 0)
    } finally {
      closeSync(fd)
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : oneLineError(err)
    throw new BadInputError(`cannot read ${path}: ${why}`)
  }
}

export function probeMedia(
  ffprobe: string,
  inputPath: string,
  signal?: AbortSignal
): Promise<MediaProbe> {
  const absolute = resolve(inputPath)
  checkReadableFile(absolute)
  const args = [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    '-i',
    absolute
  ]
  return new Promise((resolvePromise, reject) => {
    execFile(ffprobe, args, { signal, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (signal?.aborted) return reject(new Error('cancelled'))
      if (err) {
        const reason = ffprobeReason(stderr, absolute)
        return reject(
          new BadInputError(
            `not an audio or video file: ${basename(absolute)} (ffprobe: ${reason})`
          )
        )
      }
      let probe: MediaProbe
      try {
        probe = parseFfprobeJson(stdout)
      } catch {
        return reject(
          new BadInputError(
            `not an audio or video file: ${basename(absolute)} (ffprobe output unreadable)`
          )
        )
      }
      if (!probe.hasAudio) {
        const what = probe.hasVideo ? 'video has no audio stream' : 'ffprobe found no audio stream'
        return reject(new BadInputError(`${what}: ${basename(absolute)}`))
      }
      resolvePromise(probe)
    })
  })
}
