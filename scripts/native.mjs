#!/usr/bin/env node
// Makes better-sqlite3's native addon match the runtime that is about to run: plain Node (CLI,
// tests, browser host) or Electron (the app). Each ABI's build is cached, so switching back and
// forth is a file swap, not a rebuild. The swap is write-temp-then-rename, so a process that
// already loaded the old addon keeps its mapping intact.
//
// The Node build is also kept in the user's cache ($XDG_CACHE_HOME or ~/.cache,
// transcriptor/prebuilds) under the name better-sqlite3's installer (prebuild-install) looks for
// in a local prebuilds folder: setup.sh points npm ci there, so a fresh clone on a machine that
// built it once unpacks it instead of compiling SQLite again (~60 CPU-s, one core, all of npm ci's
// longest step). The installer loads what it unpacks and compiles if that fails.
//   node scripts/native.mjs node|electron   prepare the addon for that runtime
//   node scripts/native.mjs prebuilds-dir   print the local prebuilds folder (for setup.sh)
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { userCacheDir } from './userCache.mjs'

const root = resolve(import.meta.dirname, '..')
const require = createRequire(join(root, 'package.json'))
const addon = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
const cacheDir = join(root, 'node_modules/.transcriptor-native')
const probe = "const D=require('better-sqlite3');new D(':memory:').prepare('select 1').get()"

function electronBinary() {
  try {
    const path = require('electron') // the electron package exports the binary's path
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

function runtimeOf(target) {
  if (target === 'node')
    return { exec: process.execPath, env: process.env, abi: process.versions.modules }
  const exec = electronBinary()
  if (!exec) return null
  const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' }
  const abi = execFileSync(exec, ['-p', 'process.versions.modules'], {
    env,
    encoding: 'utf8'
  }).trim()
  const version = execFileSync(exec, ['-p', 'process.versions.electron'], {
    env,
    encoding: 'utf8'
  }).trim()
  return { exec, env, abi, version }
}

function loads(rt) {
  return spawnSync(rt.exec, ['-e', probe], { cwd: root, env: rt.env, stdio: 'ignore' }).status === 0
}

function cachePath(target, rt) {
  return join(cacheDir, `${target}-abi${rt.abi}`, 'better_sqlite3.node')
}

function install(from) {
  const tmp = `${addon}.tmp-${process.pid}`
  copyFileSync(from, tmp)
  renameSync(tmp, addon)
}

function remember(target, rt) {
  const dest = cachePath(target, rt)
  mkdirSync(dirname(dest), { recursive: true })
  copyFileSync(addon, dest)
}

function prebuildsDir() {
  return join(userCacheDir(), 'prebuilds')
}

/** prebuild-install's name for this addon (glibc only: on musl its name differs; not kept). */
function prebuildName(rt) {
  if (!process.report?.getReport().header.glibcVersionRuntime) return null
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json')))
  return `better-sqlite3-v${pkg.version}-node-v${rt.abi}-${process.platform}-${process.arch}.tar.gz`
}

/** Packs the working Node addon where npm ci's installer finds it; never fails setup. */
function keepPrebuild(rt) {
  const name = prebuildName(rt)
  const dest = name && join(prebuildsDir(), name)
  if (!dest || existsSync(dest)) return
  const aside = `${dest}.${process.pid}`
  try {
    mkdirSync(prebuildsDir(), { recursive: true })
    const from = join(root, 'node_modules/better-sqlite3')
    execFileSync('tar', ['-czf', aside, '-C', from, 'build/Release/better_sqlite3.node'])
    renameSync(aside, dest)
  } catch (err) {
    rmSync(aside, { force: true })
    console.error(`[native] not kept in ${dest}: ${err instanceof Error ? err.message : err}`)
  }
}

function rebuild(target, rt) {
  console.error(
    `[native] building better-sqlite3 for ${target} (ABI ${rt.abi}); this takes a minute`
  )
  const args = ['rebuild', 'better-sqlite3', '--build-from-source']
  if (target === 'electron')
    args.push(
      '--runtime=electron',
      `--target=${rt.version}`,
      '--dist-url=https://electronjs.org/headers'
    )
  execFileSync('npm', args, { cwd: root, stdio: 'inherit' })
}

const target = process.argv[2]
if (target === 'prebuilds-dir') {
  console.log(prebuildsDir())
  process.exit(0)
}
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native.mjs node|electron|prebuilds-dir')
  process.exit(2)
}
const rt = runtimeOf(target)
if (!rt) {
  console.error('[native] no Electron binary in node_modules/electron: nothing to prepare for it')
  process.exit(0)
}
if (loads(rt)) {
  if (!existsSync(cachePath(target, rt))) remember(target, rt)
  if (target === 'node') keepPrebuild(rt)
  process.exit(0)
}
if (existsSync(cachePath(target, rt))) install(cachePath(target, rt))
else rebuild(target, rt)
if (!loads(rt)) {
  console.error(`[native] better-sqlite3 still does not load under ${target} (ABI ${rt.abi})`)
  process.exit(1)
}
remember(target, rt)
if (target === 'node') keepPrebuild(rt)
console.error(`[native] better-sqlite3 ready for ${target} (ABI ${rt.abi})`)
