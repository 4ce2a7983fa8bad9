// What the job page shows of the transcript's speakers: all of them, or only one (the filter).
// A view, not an edit: it is never saved and resets when another job opens.
import { create } from 'zustand'

export interface SpeakerViewState {
  jobId: number | null
  /** Only this speaker's segments are listed; null = everyone's. */
  only: string | null
}

export const useSpeakerView = create<SpeakerViewState>()(() => ({ jobId: null, only: null }))

export function showOnlySpeaker(only: string | null): void {
  useSpeakerView.setState({ only })
}

export function openSpeakerView(jobId: number): void {
  useSpeakerView.setState({ jobId, only: null })
}
