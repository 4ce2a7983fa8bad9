// The growing transcript of running jobs: each finished chunk's words as the host sends them
// (`job.words`, in any order), merged with what was already there when a Job page opened.
// A completed job's live words are dropped (its transcript file is the truth); a stopped or
// failed job's stay until it is deleted, so the user still sees what was heard.
import { create } from 'zustand'
import type { LiveChunk, LiveWords } from '@shared/transcript'
import { withoutKey } from '../lib/withoutKey'

export interface JobLiveWords {
  chunksTotal: number
  /** By chunk index; a missing index is a chunk still running. */
  chunks: Partial<Record<number, LiveChunk>>
}

export interface LiveWordsState {
  byJob: Partial<Record<number, JobLiveWords>>
}

export const initialLiveWordsState: LiveWordsState = { byJob: {} }

export const useLiveWordsStore = create<LiveWordsState>()(() => initialLiveWordsState)

function withChunks(state: LiveWordsState, jobId: number, chunks: LiveChunk[]): LiveWordsState {
  if (chunks.length === 0) return state
  const before = state.byJob[jobId] ?? { chunksTotal: 0, chunks: {} }
  const next: JobLiveWords = { chunksTotal: before.chunksTotal, chunks: { ...before.chunks } }
  for (const chunk of chunks) {
    next.chunks[chunk.index] = chunk
    next.chunksTotal = chunk.chunksTotal
  }
  return { byJob: { ...state.byJob, [jobId]: next } }
}

export function addLiveChunk(chunk: LiveChunk): void {
  useLiveWordsStore.setState((s) => withChunks(s, chunk.jobId, [chunk]))
}

export function loadLiveWords(words: LiveWords): void {
  useLiveWordsStore.setState((s) => withChunks(s, words.jobId, words.chunks))
}

export function forgetLiveWords(jobId: number): void {
  useLiveWordsStore.setState((s) => (jobId in s.byJob ? { byJob: withoutKey(s.byJob, jobId) } : s))
}

/** What the page shows: chunks in order, and a gap wherever earlier chunks are still running. */
export type LivePiece =
  | { kind: 'words'; index: number; text: string; start: number }
  | { kind: 'gap'; from: number; to: number; trailing: boolean }

export function livePieces(live: JobLiveWords): LivePiece[] {
  const pieces: LivePiece[] = []
  let gapFrom = -1
  for (let index = 0; index < live.chunksTotal; index++) {
    const chunk = live.chunks[index]
    if (!chunk) {
      if (gapFrom < 0) gapFrom = index
      continue
    }
    if (gapFrom >= 0) pieces.push({ kind: 'gap', from: gapFrom, to: index - 1, trailing: false })
    gapFrom = -1
    const text = chunk.words.map((w) => w.word).join(' ')
    pieces.push({ kind: 'words', index, text, start: chunk.start })
  }
  if (gapFrom >= 0)
    pieces.push({ kind: 'gap', from: gapFrom, to: live.chunksTotal - 1, trailing: true })
  return pieces
}
