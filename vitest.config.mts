import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const alias = { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) }

/** Unit files that replace modules (vi.mock): each needs a module graph of its own. */
const UNIT_WITH_MODULE_MOCKS = [
  'tests/unit/electron/appWiring.test.ts',
  'tests/unit/ipc/electronIpc.test.ts'
]

// Three projects so CI output says which layer broke. Integration and e2e spawn real processes
// and share the two cores, so they run files one at a time, in one worker each whose modules
// stay loaded from file to file (isolate: false): a fresh worker per file re-imported
// playwright-core and the app's modules 85 times (~64 CPU-s of imports in a run, most of it e2e).
// No integration or e2e file replaces a module (vi.mock), and each closes what it opens.
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
          fileParallelism: false,
          isolate: false
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
          isolate: false,
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
