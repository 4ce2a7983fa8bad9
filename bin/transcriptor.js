#!/usr/bin/env node
// `transcriptor` from a checkout: builds once if the bundle is missing, makes sure the SQLite
// addon matches this Node (the app may have switched it to Electron's ABI), then runs the CLI.
'use strict'
const { execFileSync } = require('node:child_process')
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const root = join(__dirname, '..')
const cli = join(root, 'out', 'main', 'cli.js')

/** Runs a repo script with its chatter on stderr, so `--json` output on stdout stays clean. */
function runScript(script, args, failure) {
  try {
    execFileSync(process.execPath, [join(root, 'scripts', script), ...args], {
      cwd: root,
      stdio: ['ignore', 2, 2]
    })
  } catch {
    console.error(`transcriptor: ${failure}`)
    process.exit(1)
  }
}

function sqliteLoads() {
  try {
    const Database = require('better-sqlite3')
    new Database(':memory:').close()
    return true
  } catch {
    return false
  }
}

if (!existsSync(cli)) {
  runScript('build-if-stale.mjs', [], `could not build ${cli} (run 'npm run build' to see why)`)
}
if (!sqliteLoads() && existsSync(join(root, 'scripts', 'native.mjs'))) {
  runScript(
    'native.mjs',
    ['node'],
    "better-sqlite3 does not load under this Node (run 'node scripts/native.mjs node')"
  )
}
require(cli)
