import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const alias = { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) }

// Three projects so CI output says which layer broke. Integration and e2e spawn real processes
// and share the two cores, so they run files one at a time.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 20_000 }
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
