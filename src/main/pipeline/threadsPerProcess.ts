// Threads inside each engine process. Like whisper-cli's own default, they follow the cores:
// processes × threads ≤ cores, so parallel processes never fight over a core. The "workers"
// setting at its default (1) means exactly that; a larger value asks for more, still capped at
// the process's share of the cores.
import { availableParallelism } from 'node:os'

export function threadsPerProcess(
  asked: number,
  processes: number,
  cores: number = availableParallelism()
): number {
  const share = Math.max(1, Math.floor(cores / Math.max(1, processes)))
  return asked > 1 ? Math.min(asked, share) : share
}
