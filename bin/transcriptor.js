#!/usr/bin/env node
// `transcriptor` from a checkout: builds once if the bundle is missing, then runs it.
'use strict'
const { execFileSync } = require('node:child_process')
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const root = join(__dirname, '..')
const cli = join(root, 'out', 'main', 'cli.js')

if (!existsSync(cli)) {
  try {
    // The build's chatter goes to stderr so `--json` output on stdout stays clean.
    execFileSync(process.execPath, [join(root, 'scripts', 'build-if-stale.mjs')], {
      cwd: root,
      stdio: ['ignore', 2, 2]
    })
  } catch {
    console.error(`transcriptor: could not build ${cli} (run 'npm run build' to see why)`)
    process.exit(1)
  }
}
require(cli)
