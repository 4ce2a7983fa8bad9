// The current page. The URL hash is the source of truth; this mirrors it for components.
import { create } from 'zustand'
import type { Route } from '../lib/route'

export interface NavState {
  route: Route
}

export const initialNavState: NavState = { route: { page: 'transcribe' } }

export const useNavStore = create<NavState>()(() => initialNavState)
