import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const shared = { '@shared': resolve(__dirname, 'src/shared') }

// Every Node-side program is an entry of the main build, so the CLI, the browser host and the
// pipeline subprocess run exactly the code the app ships (tests drive the built files too).
export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      // zod is bundled (tree-shaken) rather than required from node_modules: its package loads
      // every locale and module at require, ~70 ms of CPU in each process that starts a job (the
      // pipeline, then its whisper worker, one after the other before the first chunk).
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          pipeline: resolve(__dirname, 'src/main/pipeline/main.ts'),
          whisperWorker: resolve(__dirname, 'src/main/engines/whisperWorker/main.ts'),
          speakerWorker: resolve(__dirname, 'src/main/engines/speakers/speakerWorker.ts'),
          vadWorker: resolve(__dirname, 'src/main/engines/vadWorker/main.ts'),
          saveWorker: resolve(__dirname, 'src/main/core/transcripts/saveWorker.ts'),
          cli: resolve(__dirname, 'src/main/cli/main.ts'),
          webHost: resolve(__dirname, 'src/main/webHost/main.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias: shared },
    build: { externalizeDeps: true }
  },
  renderer: {
    resolve: { alias: { ...shared, '@renderer': resolve(__dirname, 'src/renderer/src') } },
    plugins: [react()]
  }
})
