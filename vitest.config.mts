import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const alias = { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) }

/** Unit files that replace modules (vi.mock): each needs a module graph of its own. */
const UNIT_WITH_MODULE_MOCKS = [
  'tests/unit/electron/appWiring.test.ts',
  'tests/unit/ipc/electronIpc.test.ts'
]

// Three projects so CI output says which layer broke. Integration and e2e spawn real processes
// and share the two cores, so they run files one at a time, each file in a fresh worker: sharing
// one worker saved their imports (~30 CPU-s) but a file's leftovers (a timer a failed test never
// stopped) then ran on into every later file, and both lanes measured slower, not faster.
export default defineConfig({
  test: {
    projects: [
      {
        // Unit files share their workers' module cache (threads, no isolation): a fresh module
        // graph per file cost ~45 of the ~70 CPU-s the unit files took (import and transform),
        // and each file restores what it changes (env, timers). Files that replace modules with
        // vi.mock would leak those into the next file, so they run isolated below.
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: UNIT_WITH_MODULE_MOCKS,
          pool: 'threads',
          isolate: false,
          testTimeout: 20_000
        }
      },
      {
        resolve: { alias },
        test: { name: 'unit-isolated', include: UNIT_WITH_MODULE_MOCKS, testTimeout: 20_000 }
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/buildOnce.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/buildOnce.ts', 'tests/support/chromiumServer.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // expect.poll waits 1 s by default: too short for a UI update that goes through the host
          // (a Stop, a save) on a loaded machine. A product's time limit is given where it is
          // asserted ({ timeout: STOP_VISIBLE_WITHIN_MS }), never left to this default.
          expect: { poll: { timeout: 10_000 } }
        }
      },
      {
        // Playwright `_electron.launch` specs: they need the Electron binary, which cannot be
        // downloaded everywhere; they report themselves as not run where it is missing.
        resolve: { alias },
        test: {
          name: 'electron',
          include: ['tests/electron/**/*.test.ts'],
          globalSetup: ['tests/support/buildOnce.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false
        }
      }
    ]
  }
})
