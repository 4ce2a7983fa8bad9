// Two espeak-ng voices taking turns, with the turns known: the reference a diarization test
// scores against (tests/support/der.ts). Voice A is low (`en-us -p 20`), voice B high
// (`en-us+f3 -p 80`); turns are joined with 0.5 s of silence, as 16 kHz mono 16-bit WAV.
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TimedWord } from '@shared/transcript'

export interface Turn {
  speaker: string
  start: number
  end: number
}

const VOICES: Record<string, string[]> = {
  A: ['-v', 'en-us', '-p', '20'],
  B: ['-v', 'en-us+f3', '-p', '80']
}

export const SENTENCES = [
  'Thank you for coming in today, we have a lot to talk about.',
  'Of course, I am glad we finally found the time to meet.',
  'Let us start with the budget for the next quarter.',
  'The numbers look better than last year, mostly because of the new contracts.',
  'How many people will the team need to deliver all of that?',
  'I would say four more engineers and one person for support.',
  'That sounds reasonable, but the hiring will take a few months.',
  'We could ask the other office to lend us two people until then.',
  'Good idea, I will write to them after this meeting.',
  'What about the schedule for the first release?',
  'The first release should be ready in the spring if nothing goes wrong.',
  'And if something does go wrong, what is the plan?',
  'Then we ship a smaller version and keep the rest for the summer.',
  'I like that, it keeps the customers happy and the team calm.',
  'Shall we talk about the office move as well?',
  'Yes, the new building will be ready at the end of the year.'
]

const SAMPLE_RATE = 16000
const GAP_SECONDS = 0.5
/** Each voice's sentences, synthesised once per test file (espeak-ng and sox are the cost). */
const synthesised = new Map<string, Buffer>()

function voiceSamples(dir: string, voice: string, text: string): Buffer {
  const raw = join(dir, 'turn-raw.wav')
  const pcm = join(dir, 'turn.raw')
  execFileSync('espeak-ng', [...VOICES[voice], '-w', raw, text])
  execFileSync('sox', [raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed', pcm])
  const samples = readFileSync(pcm)
  rmSync(raw)
  rmSync(pcm)
  return trimmed(samples)
}

/** espeak-ng pads its speech with quiet: cut it, so a turn's bounds are where the voice is. */
function trimmed(samples: Buffer): Buffer {
  const loud = (i: number): boolean => Math.abs(samples.readInt16LE(i * 2)) > 300
  const count = samples.length / 2
  let first = 0
  while (first < count && !loud(first)) first++
  let last = count - 1
  while (last > first && !loud(last)) last--
  return samples.subarray(first * 2, (last + 1) * 2)
}

function wavHeader(dataBytes: number): Buffer {
  const h = Buffer.alloc(44)
  h.write('RIFF', 0)
  h.writeUInt32LE(36 + dataBytes, 4)
  h.write('WAVEfmt ', 8)
  h.writeUInt32LE(16, 16)
  h.writeUInt16LE(1, 20)
  h.writeUInt16LE(1, 22)
  h.writeUInt32LE(SAMPLE_RATE, 24)
  h.writeUInt32LE(SAMPLE_RATE * 2, 28)
  h.writeUInt16LE(2, 32)
  h.writeUInt16LE(16, 34)
  h.write('data', 36)
  h.writeUInt32LE(dataBytes, 40)
  return h
}

/**
 * Writes `<dir>/<name>`: turns alternating between the voices (or only `voices[0]`) until
 * `seconds` are filled; returns the file and its turns (seconds). Each sentence is synthesised
 * once per voice and reused (also by later recordings), so a 3-minute file takes a few seconds.
 */
export function twoVoiceRecording(
  dir: string,
  seconds: number,
  options: { name?: string; voices?: string[] } = {}
): { path: string; turns: Turn[] } {
  const voices = options.voices ?? ['A', 'B']
  const gap = Buffer.alloc(Math.round(GAP_SECONDS * SAMPLE_RATE) * 2)
  const parts: Buffer[] = [gap]
  const turns: Turn[] = []
  let at = GAP_SECONDS
  for (let i = 0; at < seconds; i++) {
    const voice = voices[i % voices.length]
    const text = SENTENCES[i % SENTENCES.length]
    const key = `${voice}:${text}`
    const samples = synthesised.get(key) ?? voiceSamples(dir, voice, text)
    synthesised.set(key, samples)
    const length = samples.length / 2 / SAMPLE_RATE
    turns.push({ speaker: voice, start: at, end: at + length })
    parts.push(samples, gap)
    at += length + GAP_SECONDS
  }
  const data = Buffer.concat(parts)
  const path = join(dir, options.name ?? 'two voices.wav')
  writeFileSync(path, Buffer.concat([wavHeader(data.length), data]))
  return { path, turns }
}

/**
 * What a transcription engine would hear in a recording's turns: turn i says sentence i, its
 * words spread evenly over the turn (each 80 % of its share), so every word lies inside a turn.
 */
export function turnWords(turns: readonly Turn[]): TimedWord[] {
  return turns.flatMap((turn, i) => {
    const words = SENTENCES[i % SENTENCES.length].split(' ')
    const share = (turn.end - turn.start) / words.length
    return words.map((word, k) => {
      const start = turn.start + k * share
      return { word, start: round(start), end: round(start + 0.8 * share) }
    })
  })
}

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000
