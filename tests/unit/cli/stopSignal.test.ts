// The CLI's one stop rule: Ctrl-C or SIGTERM stops a command once, whichever comes first, and the
// command's handler is gone once it ends (Node's own handling of the signals is back).
import { describe, expect, it } from 'vitest'
import { onStopSignal } from '../../../src/main/cli/stopSignal'

const listeners = (): number[] => [
  process.listenerCount('SIGINT'),
  process.listenerCount('SIGTERM')
]

describe('onStopSignal', () => {
  it('stops once, for the first of SIGTERM and SIGINT, and says which', () => {
    const before = listeners()
    const stops: NodeJS.Signals[] = []
    const interrupted = onStopSignal((signal) => stops.push(signal))
    try {
      expect(interrupted.received).toBeNull()
      process.emit('SIGTERM', 'SIGTERM')
      process.emit('SIGINT', 'SIGINT')
      process.emit('SIGTERM', 'SIGTERM')
      expect(stops).toEqual(['SIGTERM'])
      expect(interrupted.received).toBe('SIGTERM')
    } finally {
      interrupted.off()
    }
    expect(listeners()).toEqual(before)
  })

  it('a Ctrl-C is the signal it names', () => {
    const stops: NodeJS.Signals[] = []
    const interrupted = onStopSignal((signal) => stops.push(signal))
    try {
      process.emit('SIGINT', 'SIGINT')
    } finally {
      interrupted.off()
    }
    expect(stops).toEqual(['SIGINT'])
    expect(interrupted.received).toBe('SIGINT')
  })
})
