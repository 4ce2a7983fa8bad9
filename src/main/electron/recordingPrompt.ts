// Closing the window or quitting while a window records asks first, natively, with the in-app
// leave dialog's answers (renderer/src/components/LeaveDialog.tsx). None of them discards audio:
// Stay changes nothing, "Stop and keep" ends the recording as its Stop button does (the audio is
// kept and its job finishes the transcript), "Keep recording in the background" hides the window
// (its page holds the microphone) and the app runs on until it is opened again.
import { dialog, type BrowserWindow, type MessageBoxSyncOptions } from 'electron'

export const RECORDING_CHOICES = [
  'Stay',
  'Stop and keep the recording',
  'Keep recording in the background'
] as const
export type RecordingAnswer = 'stay' | 'stop' | 'background'
const ANSWERS: readonly RecordingAnswer[] = ['stay', 'stop', 'background']

const BACKGROUND =
  'In the background the window is hidden and goes on recording; open Transcriptor again to see it.'
export const RECORDING_QUESTIONS = {
  close: `Closing the window ends the recording; what was recorded is kept and transcribed. ${BACKGROUND}`,
  quit: `Quitting ends the recording; what was recorded is kept and transcribed before the app exits. ${BACKGROUND}`
} as const

/** Asks about the recording; closing the box without a button is Stay. */
export function askAboutRecording(
  parent: BrowserWindow | null,
  action: keyof typeof RECORDING_QUESTIONS
): RecordingAnswer {
  const options: MessageBoxSyncOptions = {
    type: 'question',
    title: 'Recording in progress',
    message: 'Recording in progress',
    detail: RECORDING_QUESTIONS[action],
    buttons: [...RECORDING_CHOICES],
    defaultId: 0,
    cancelId: 0,
    noLink: true
  }
  const choice = parent
    ? dialog.showMessageBoxSync(parent, options)
    : dialog.showMessageBoxSync(options)
  return ANSWERS[choice] ?? 'stay'
}
