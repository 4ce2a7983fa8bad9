const keep = setInterval(() => {}, 1000)
import { writeEmptyWhisperModel } from '/work/wt/i12/tests/support/emptyWhisperModel'
import { initWhisper } from '@fugood/whisper.node'
const model = writeEmptyWhisperModel('/tmp/i12/ggml-empty.bin')
const t0 = Date.now()
const ctx = await initWhisper({ filePath: model, useGpu: false }, 'default')
console.log('loaded in', Date.now() - t0, 'ms', ctx.getModelInfo())
const wav = '/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav'
const t1 = Date.now()
const { promise } = ctx.transcribeFile(wav, { language: process.env.LANG_ || 'en', maxThreads: 2, temperatureInc: 0, onProgress: (p: number) => console.log('progress', p, Date.now() - t1) })
const r = await promise
console.log('transcribed in', Date.now() - t1, 'ms', JSON.stringify(r).slice(0, 500))
await ctx.release()
clearInterval(keep)
