// Run by Windows node.exe under wine (bench/whisperWine.ts): loads one build of the whisper addon,
// transcribes a WAV as the app's worker does (src/main/engines/whisperWorker/main.ts: language,
// threads, token times, flash attention as the binding chooses) and writes what it measured to a
// JSON file; wine's node cannot write to a Linux pipe, so stdout is not used.
//   node.exe transcribeOnce.mjs ADDON MODEL WAV THREADS FLASH(0|1) OUT.json
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'

const require = createRequire(import.meta.url)

const [addonPath, model, wav, threads, flash, out] = process.argv.slice(2)

/** The samples of a 16-bit PCM WAV's data chunk, as the addon's transcribeData takes them. */
function pcm(path) {
  const file = readFileSync(path)
  let offset = 12
  while (offset + 8 <= file.length) {
    const size = file.readUInt32LE(offset + 4)
    if (file.toString('ascii', offset, offset + 4) === 'data') {
      const data = file.subarray(offset + 8, offset + 8 + size)
      return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
    }
    offset += 8 + size + (size % 2)
  }
  throw new Error(`${path} has no data chunk`)
}

async function main() {
  const t0 = performance.now()
  const addon = require(addonPath)
  const context = new addon.WhisperContext({
    filePath: model,
    useGpu: false,
    useFlashAttn: flash === '1'
  })
  const t1 = performance.now()
  const options = { language: 'en', maxThreads: Number(threads), tokenTimestamps: true }
  const result = await context.transcribeData(pcm(wav), options).promise
  const t2 = performance.now()
  await context.release()
  const cpuBackend = addon.cpuBackend ?? null
  const segments = result.segments.length
  writeFileSync(
    out,
    JSON.stringify({ loadMs: t1 - t0, transcribeMs: t2 - t1, cpuBackend, segments })
  )
}

main().catch((err) => {
  writeFileSync(out, JSON.stringify({ error: String(err && err.stack ? err.stack : err) }))
  process.exitCode = 1
})
