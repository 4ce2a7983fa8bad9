// The job's endpoints as chunk servers: each chunk is cut, compressed to FLAC (the saving
// is logged), uploaded, and its words returned with chunk-relative times. Requests in flight are
// reported as pipeline events so the job page lists them next to the local processes.
import { readFile, rm } from 'node:fs/promises'
import {
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  endpointLabel,
  endpointTimeoutSeconds,
  type EndpointRef,
  type EndpointRequest
} from '@shared/endpoints'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import type { TimedWord } from '@shared/transcript'
import { transcribeAtEndpoint } from '../engines/endpointEngine'
import { encodeFlac } from '../media/flac'
import type { ChunkServer } from './chunkPool'
import type { EndpointKeys } from './endpointKeys'
import type { EventSink } from './events'

export interface EndpointPoolDeps {
  spec: PipelineSpec
  ffmpeg: string
  keys: EndpointKeys
  emit: EventSink
  log: (line: string) => void
  chunkCount: number
  chunkSeconds: (index: number) => number
  /** Writes chunk `index` as a WAV and returns its path. */
  cutChunk: (index: number) => Promise<string>
}

/** Distinct labels even when two endpoints share a host (different models). */
function labels(endpoints: EndpointRef[]): string[] {
  const plain = endpoints.map((e) => endpointLabel(e.baseUrl))
  return plain.map((label, i) =>
    plain.filter((l) => l === label).length > 1 ? `${label} (${endpoints[i].model})` : label
  )
}

const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`

export function endpointServers(d: EndpointPoolDeps): ChunkServer<TimedWord[]>[] {
  const endpoints = d.spec.endpoints ?? []
  const names = labels(endpoints)
  const inFlight = new Map<number, EndpointRequest>()
  let nextRequest = 0
  const report = (): void => d.emit({ type: 'endpointRequests', requests: [...inFlight.values()] })
  const jobTimeoutSeconds = d.spec.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS
  // Each endpoint may have its own: a CPU server next to a fast API needs longer per chunk.
  const timeoutMs = (endpoint: EndpointRef): number =>
    endpointTimeoutSeconds(endpoint, jobTimeoutSeconds) * 1000
  let savedBytes = 0
  let wavBytes = 0

  return endpoints.map((endpoint, e) => ({
    name: names[e],
    slots: endpoint.concurrency,
    isEndpoint: true,
    run: async (index, signal, retry) => {
      const wavPath = await d.cutChunk(index)
      const flacPath = wavPath.replace(/\.wav$/, '') + `.${e}.flac`
      const id = nextRequest++
      try {
        const flac = await encodeFlac(d.ffmpeg, wavPath, flacPath, signal)
        wavBytes += flac.originalBytes
        savedBytes += flac.originalBytes - flac.bytes
        const saving = Math.round((100 * (flac.originalBytes - flac.bytes)) / flac.originalBytes)
        d.log(
          `chunk ${index + 1}/${d.chunkCount} → ${names[e]}: FLAC ${kb(flac.bytes)} ` +
            `(${saving} % smaller than the ${kb(flac.originalBytes)} WAV; ${Math.round((100 * savedBytes) / wavBytes)} % saved so far)`
        )
        const audio = await readFile(flac.path)
        inFlight.set(id, { endpoint: names[e], chunk: index + 1, startedAt: Date.now() })
        report()
        return await transcribeAtEndpoint({
          baseUrl: endpoint.baseUrl,
          model: endpoint.model,
          apiKey: endpoint.keyRef ? d.keys.get(endpoint.keyRef) : undefined,
          audio,
          fileName: `chunk-${index + 1}.flac`,
          // 'auto' is whisper's word for "detect it"; the OpenAI API detects when no language is sent.
          language: d.spec.language === 'auto' ? undefined : d.spec.language,
          chunkSeconds: d.chunkSeconds(index),
          ...(retry && { temperature: retry.temperature }),
          timeoutMs: timeoutMs(endpoint),
          signal
        })
      } finally {
        if (inFlight.delete(id)) report()
        await Promise.all([rm(wavPath, { force: true }), rm(flacPath, { force: true })])
      }
    }
  }))
}
