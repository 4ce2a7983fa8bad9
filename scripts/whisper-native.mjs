#!/usr/bin/env node
// Builds whisper.cpp's Node addon for THIS CPU (AVX2/FMA/AVX-512… as the CPU has them), where a
// compiler and cmake exist. The prebuilt @fugood/node-whisper-<platform> addon is a baseline
// x86-64 build (no AVX at all) and several times slower; it stays installed as the fallback.
//
// The sources all come from the npm registry: the addon's own source and its patched whisper.cpp
// files ship in @fugood/whisper.node (the version package-lock.json pins); the rest of whisper.cpp
// (ggml's core) ships, same whisper.cpp version, in nodejs-whisper; napi.h in node-addon-api. They
// are put together in .native/whisper/src and built with native/whisper/CMakeLists.txt. None of
// them is read from node_modules, so setup.sh runs this beside `npm ci`, whose compile of SQLite
// keeps only one core busy.
//
// Idempotent: a build whose stamp matches (package versions, this CPU's flags) is kept, so a
// re-run takes milliseconds. A built addon is also kept in the user's cache
// ($XDG_CACHE_HOME or ~/.cache, transcriptor/whisper-native/KEY), keyed by everything that went
// into it (sources, this CPU's flags, Node's ABI, the compiler): another checkout on this machine,
// a fresh clone included, takes it from there instead of compiling again (about 180 CPU-s), as npm
// takes packages from its own cache. Nothing here fails setup: without a compiler, or if the build fails,
// it says why and the prebuilt is used.
//   node scripts/whisper-native.mjs            build the addon if missing or stale
//   node scripts/whisper-native.mjs --cli      also build whisper-cli (the bench's reference)
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { userCacheDir } from './userCache.mjs'
import { patchAddon, patchWhisperCpp, WHISPER_PATCH } from './whisperPatch.mjs'

const root = resolve(import.meta.dirname, '..')
const home = join(root, '.native', 'whisper')
const stampPath = join(home, 'build', 'build.json')
const srcDir = join(home, 'src')
const buildDir = join(home, 'build')
const FUGOOD = '@fugood/whisper.node'
/** Exact versions: nodejs-whisper 0.3.1 ships whisper.cpp 1.9.1, the version @fugood's addon uses. */
const SOURCES = { whisper: 'nodejs-whisper@0.3.1', napi: 'node-addon-api@8.9.2' }

const log = (line) => process.stderr.write(`[whisper-native] ${line}\n`)
const has = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0

/** This CPU's instruction-set flags; the built addon is used only where they are all present. */
function cpuFlags() {
  if (process.platform !== 'linux') return null
  const line = readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .find((l) => /^(flags|Features)\s*:/.test(l))
  return line ? [...new Set(line.split(':')[1].trim().split(/\s+/))].sort() : null
}

function whisperCppVersion(dir) {
  const text = readFileSync(join(dir, 'CMakeLists.txt'), 'utf8')
  return /project\("whisper\.cpp" VERSION ([\d.]+)\)/.exec(text)?.[1] ?? null
}

/** The pinned version of a dependency, from package-lock.json (node_modules may not exist yet). */
function lockedVersion(name) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
  const version = lock.packages?.[`node_modules/${name}`]?.version
  if (!version) throw new Error(`${name} is not in package-lock.json`)
  return version
}

/** `spec` (name@version) unpacked under `into`, fetched once per version. */
function npmPack(spec, into) {
  const dest = join(into, spec)
  if (existsSync(join(dest, 'package.json'))) return dest
  mkdirSync(into, { recursive: true })
  const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', into], {
    encoding: 'utf8'
  })
  const tarball = join(into, out.trim().split('\n').pop())
  mkdirSync(dest, { recursive: true })
  execFileSync('tar', ['xzf', tarball, '-C', dest, '--strip-components=1'])
  rmSync(tarball)
  return dest
}

/** whisper.cpp 1.9.1 from nodejs-whisper, with @fugood's patched files laid over it and ours. */
function prepareSources() {
  const packs = join(home, 'packages')
  const whisperPkg = npmPack(SOURCES.whisper, packs)
  const napi = npmPack(SOURCES.napi, packs)
  const fugood = npmPack(`${FUGOOD}@${lockedVersion(FUGOOD)}`, packs)
  const full = join(whisperPkg, 'cpp', 'whisper.cpp')
  const patched = join(fugood, 'whisper.cpp')
  const [a, b] = [whisperCppVersion(full), whisperCppVersion(patched)]
  if (!a || a !== b) throw new Error(`whisper.cpp versions differ (${a} vs @fugood's ${b})`)
  // Copied once per version: fresh copies would look changed to make and rebuild everything.
  const marker = join(srcDir, 'sources.json')
  const wanted = JSON.stringify(wantedStamp())
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return { napi, version: a }
  rmSync(srcDir, { recursive: true, force: true })
  cpSync(full, join(srcDir, 'whisper.cpp'), { recursive: true })
  cpSync(patched, join(srcDir, 'whisper.cpp'), { recursive: true })
  cpSync(join(fugood, 'src'), join(srcDir, 'addon'), { recursive: true })
  patchWhisperCpp(join(srcDir, 'whisper.cpp'))
  patchAddon(join(srcDir, 'addon'))
  writeFileSync(marker, wanted)
  return { napi, version: a }
}

/** Node's own headers (node_api.h) next to the running node, as Debian and the installers put them. */
function nodeHeaders() {
  const candidates = [
    join(dirname(process.execPath), '..', 'include', 'node'),
    '/usr/include/node',
    '/usr/local/include/node'
  ]
  return candidates.find((d) => existsSync(join(d, 'node_api.h'))) ?? null
}

function wantedStamp() {
  return {
    fugood: lockedVersion(FUGOOD),
    ...SOURCES,
    patch: WHISPER_PATCH,
    platform: `${process.platform}-${process.arch}`
  }
}

function upToDate(wanted, flags) {
  if (!existsSync(stampPath) || !existsSync(join(buildDir, 'index.node'))) return false
  const stamp = JSON.parse(readFileSync(stampPath, 'utf8'))
  const same = Object.entries(wanted).every(([k, v]) => stamp[k] === v)
  return same && JSON.stringify(stamp.cpuFlags) === JSON.stringify(flags)
}

/** Runs cmake with its output in .native/whisper/build.log; a failure quotes the error lines. */
function cmake(args) {
  const r = spawnSync('cmake', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024
  })
  const output = `${r.stdout}\n${r.stderr}`
  writeFileSync(join(home, 'build.log'), output, { flag: 'a' })
  if (r.status !== 0) {
    const lines = output.split('\n')
    const errors = lines.filter((l) => /error|Killed/i.test(l) && !/Werror|warning/.test(l))
    const shown = (errors.length ? errors : lines).slice(-8).join('\n')
    throw new Error(`cmake ${args[0]} failed (see ${join(home, 'build.log')}):\n${shown}`)
  }
}

function build(targets) {
  const headers = nodeHeaders()
  if (!headers) throw new Error("no Node headers (node_api.h) next to this node; can't build")
  const { napi, version } = prepareSources()
  const started = Date.now()
  log(`building whisper.cpp ${version} for this CPU (a few minutes on 2 cores, once)`)
  cmake([
    '-S', join(root, 'native', 'whisper'),
    '-B', buildDir,
    '-DCMAKE_BUILD_TYPE=Release',
    '-DGGML_NATIVE=ON',
    `-DWHISPER_SRC=${join(srcDir, 'whisper.cpp')}`,
    `-DADDON_SRC=${join(srcDir, 'addon')}`,
    `-DNODE_INC=${headers}`,
    `-DNAPI_INC=${napi}`
  ]) // prettier-ignore
  const jobs = String(availableParallelism())
  for (const target of targets)
    cmake(['--build', buildDir, '--config', 'Release', '-j', jobs, '--target', target])
  return Math.round((Date.now() - started) / 1000)
}

/** The first line of the C++ compiler's --version: a new compiler makes a new cache entry. */
function compilerVersion() {
  return spawnSync('c++', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? ''
}

/** This build's folder in the user's cache. */
function cacheDir(wanted, flags) {
  const inputs = {
    ...wanted,
    cpuFlags: flags,
    abi: process.versions.modules,
    cxx: compilerVersion()
  }
  const key = createHash('sha1').update(JSON.stringify(inputs)).digest('hex').slice(0, 16)
  return join(userCacheDir(), 'whisper-native', key)
}

/** The addon from the cache, if this exact build is there. */
function fromCache(cached) {
  if (!existsSync(join(cached, 'index.node')) || !existsSync(join(cached, 'build.json')))
    return false
  mkdirSync(buildDir, { recursive: true })
  cpSync(join(cached, 'index.node'), join(buildDir, 'index.node'))
  cpSync(join(cached, 'build.json'), stampPath)
  return true
}

/** Keeps the addon in the cache; written aside and renamed, so no reader sees half a file. */
function toCache(cached) {
  try {
    const aside = `${cached}.${process.pid}`
    mkdirSync(aside, { recursive: true })
    cpSync(join(buildDir, 'index.node'), join(aside, 'index.node'))
    cpSync(stampPath, join(aside, 'build.json'))
    rmSync(cached, { recursive: true, force: true })
    renameSync(aside, cached)
  } catch (err) {
    log(`not kept in ${cached}: ${err instanceof Error ? err.message : err}`)
  }
}

function main() {
  const wantCli = process.argv.includes('--cli')
  const missing = ['cmake', 'cc', 'c++'].filter((c) => !has(c))
  if (missing.length) return log(`no ${missing.join(', ')}: using the prebuilt (baseline CPU)`)
  const flags = cpuFlags()
  const wanted = wantedStamp()
  const cli = join(buildDir, 'bin', 'whisper-cli')
  const cached = cacheDir(wanted, flags)
  if (upToDate(wanted, flags) && (!wantCli || existsSync(cli))) {
    // A build from before the cache existed is kept there too.
    if (!existsSync(join(cached, 'index.node'))) toCache(cached)
    return
  }
  if (!wantCli && fromCache(cached))
    return log(`taken from ${cached} (built on this machine before)`)
  const seconds = build(wantCli ? ['index', 'whisper-cli'] : ['index'])
  writeFileSync(stampPath, JSON.stringify({ ...wanted, cpuFlags: flags, seconds }, null, 1))
  toCache(cached)
  log(`built in ${seconds} s: ${join(buildDir, 'index.node')}`)
}

try {
  main()
} catch (err) {
  log(`not built, the prebuilt will be used: ${err instanceof Error ? err.message : err}`)
}
