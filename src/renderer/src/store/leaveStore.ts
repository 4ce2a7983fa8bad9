// The question asked before leaving a page whose jobs would stop: where the user wanted to go and
// how many jobs are at stake. null = nothing asked.
import { create } from 'zustand'
import type { Route } from '../lib/route'

export interface LeavePrompt {
  to: Route
  jobIds: number[]
}

export interface LeaveState {
  prompt: LeavePrompt | null
  /** Leaving a page with unsaved edits (Settings): where the user wanted to go. */
  unsaved: { to: Route } | null
}

export const initialLeaveState: LeaveState = { prompt: null, unsaved: null }

export const useLeaveStore = create<LeaveState>()(() => initialLeaveState)
