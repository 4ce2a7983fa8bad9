// Ctrl-C or SIGTERM stops what a command runs, once: the first of either signal calls `stop`; a
// second is ignored (the stop is already under way and ends the command with its own exit code).
// While the handler is installed Node does not end the process on these signals itself.

export interface StopSignal {
  /** The signal that asked to stop, or null while none has. */
  readonly received: NodeJS.Signals | null
  /** Removes the handler (a `finally` after the command's work). */
  off: () => void
}

export function onStopSignal(stop: (signal: NodeJS.Signals) => void): StopSignal {
  const state: { received: NodeJS.Signals | null } = { received: null }
  const onSignal = (signal: NodeJS.Signals): void => {
    if (state.received) return
    state.received = signal
    stop(signal)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    get received() {
      return state.received
    },
    off: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}
