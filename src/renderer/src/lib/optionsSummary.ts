// The one line that stands for the folded "Advanced" options on the Transcribe page, so their
// current values are seen without opening it: "2 processes × 1 worker · chunks 30 s, overlap 2 s ·
// txt, srt · into the data folder".
import { ENDPOINT_ENGINE, type JobOptions } from '@shared/domain'

const count = (n: number, one: string, many: string): string =>
  Number.isFinite(n) ? `${n} ${n === 1 ? one : many}` : `? ${many}`

const seconds = (n: number): string => (Number.isFinite(n) ? `${n} s` : '? s')

export function advancedSummary(o: JobOptions): string {
  const parallel =
    o.engine === ENDPOINT_ENGINE
      ? "each endpoint's concurrency"
      : `${count(o.processes, 'process', 'processes')} × ${count(o.workers, 'worker', 'workers')}`
  const also = o.engine !== ENDPOINT_ENGINE && o.alsoEndpoints ? ' + endpoints' : ''
  const chunks = `chunks ${seconds(o.chunkSeconds)}, overlap ${seconds(o.overlapSeconds)}`
  // Silero is the default: only a departure from it is worth a word.
  const detection =
    o.vad === 'energy'
      ? ' · speech by sound level'
      : o.vad === 'off'
        ? ' · no speech detection'
        : ''
  const formats = o.formats.length > 0 ? o.formats.join(', ') : 'no format'
  const where = o.outputDir ? `into ${o.outputDir}` : 'into the data folder'
  return [parallel + also, chunks + detection, formats, where].join(' · ')
}
