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
//
// Windows x64 gets one build for every CPU instead (runtime dispatch): ggml's CPU backend as one
// DLL per CPU level (GGML_BACKEND_DL + GGML_CPU_ALL_VARIANTS), all beside index.node in
// .native/whisper/win32-x64, and ggml loads the best level the running CPU has. On Linux it is
// cross-compiled with mingw-w64 (native/whisper/mingw-w64-x86_64.cmake); on Windows itself the
// same configuration is built with cmake's default generator (MSVC).
//   node scripts/whisper-native.mjs            build the addon if missing or stale
//   node scripts/whisper-native.mjs --cli      also build whisper-cli (the bench's reference)
//   node scripts/whisper-native.mjs --target win32-x64   the runtime-dispatch Windows x64 build
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { userCacheDir } from './userCache.mjs'
import { lockedVersion, npmPack } from './npmPackages.mjs'
import {
  DISPATCH_PATCH,
  patchAddon,
  patchForDispatch,
  patchWhisperCpp,
  WHISPER_PATCH
} from './whisperPatch.mjs'

const root = resolve(import.meta.dirname, '..')
const home = join(root, '.native', 'whisper')
const FUGOOD = '@fugood/whisper.node'
/** Exact versions: nodejs-whisper 0.3.1 ships whisper.cpp 1.9.1, the version @fugood's addon uses. */
const SOURCES = { whisper: 'nodejs-whisper@0.3.1', napi: 'node-addon-api@8.9.2' }
/** node_api.h and node_api.def (N-API's exports) for a build whose host has no Node headers. */
const NODE_API = 'node-api-headers@1.9.0'
const MINGW = 'x86_64-w64-mingw32'

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

/** The build for this CPU (GGML_NATIVE), into .native/whisper/build. */
function thisCpuTarget() {
  const buildDir = join(home, 'build')
  return {
    name: 'this CPU',
    platform: `${process.platform}-${process.arch}`,
    srcDir: join(home, 'src'),
    buildDir,
    outDir: buildDir,
    tools: ['cmake', 'cc', 'c++'],
    cxx: 'c++',
    cpuFlags: cpuFlags(),
    stamp: { patch: WHISPER_PATCH },
    cli: join(buildDir, 'bin', 'whisper-cli'),
    cmakeArgs() {
      const headers = nodeHeaders()
      if (!headers) throw new Error("no Node headers (node_api.h) next to this node; can't build")
      return ['-DGGML_NATIVE=ON', `-DNODE_INC=${headers}`]
    }
  }
}

/**
 * The Windows x64 build whose CPU level ggml picks at run time, into .native/whisper/win32-x64:
 * cross-compiled with mingw-w64 off Windows; on Windows the very same cmake configuration with the
 * default generator and no toolchain file.
 */
function runtimeDispatchTarget() {
  const cross = process.platform !== 'win32'
  const buildDir = join(home, 'build-win32-x64')
  return {
    name: `every x86-64 CPU level, chosen at run time${cross ? ' (mingw-w64 cross build)' : ''}`,
    platform: 'win32-x64',
    srcDir: join(home, 'src-win32-x64'),
    buildDir,
    outDir: join(home, 'win32-x64'),
    tools: cross
      ? ['cmake', `${MINGW}-gcc-posix`, `${MINGW}-g++-posix`, `${MINGW}-dlltool`]
      : ['cmake'],
    cxx: cross ? `${MINGW}-g++-posix` : null,
    cpuFlags: null,
    stamp: {
      patch: `${WHISPER_PATCH},${DISPATCH_PATCH}`,
      nodeApi: NODE_API,
      dispatch: 'runtime',
      toolchain: cross ? 'mingw-w64' : 'cmake default'
    },
    cli: join(buildDir, 'bin', 'whisper-cli.exe'),
    cmakeArgs(sources) {
      const toolchain = join(root, 'native', 'whisper', 'mingw-w64-x86_64.cmake')
      return [
        '-DTRANSCRIPTOR_RUNTIME_DISPATCH=ON',
        `-DNODE_INC=${join(sources.nodeApi, 'include')}`,
        `-DNODE_API_DEF=${join(sources.nodeApi, 'def', 'node_api.def')}`,
        ...(cross ? [`-DCMAKE_TOOLCHAIN_FILE=${toolchain}`] : [])
      ]
    }
  }
}

/** What to build: --target win32-x64 (or running on Windows) is the runtime-dispatch build. */
function chosenTarget() {
  const i = process.argv.indexOf('--target')
  const wanted =
    i >= 0 ? process.argv[i + 1] : process.platform === 'win32' ? 'win32-' + process.arch : null
  if (!wanted) return thisCpuTarget()
  if (wanted !== 'win32-x64') throw new Error(`no build for ${wanted} (only win32-x64)`)
  return runtimeDispatchTarget()
}

function whisperCppVersion(dir) {
  const text = readFileSync(join(dir, 'CMakeLists.txt'), 'utf8')
  return /project\("whisper\.cpp" VERSION ([\d.]+)\)/.exec(text)?.[1] ?? null
}

/** whisper.cpp 1.9.1 from nodejs-whisper, with @fugood's patched files laid over it and ours. */
function prepareSources(target) {
  const packs = join(home, 'packages')
  const whisperPkg = npmPack(SOURCES.whisper, packs)
  const napi = npmPack(SOURCES.napi, packs)
  const nodeApi = target.stamp.nodeApi ? npmPack(target.stamp.nodeApi, packs) : null
  const fugood = npmPack(`${FUGOOD}@${lockedVersion(root, FUGOOD)}`, packs)
  const full = join(whisperPkg, 'cpp', 'whisper.cpp')
  const patched = join(fugood, 'whisper.cpp')
  const [a, b] = [whisperCppVersion(full), whisperCppVersion(patched)]
  if (!a || a !== b) throw new Error(`whisper.cpp versions differ (${a} vs @fugood's ${b})`)
  const sources = { napi, nodeApi, version: a }
  // Copied once per version: fresh copies would look changed to make and rebuild everything.
  const { srcDir } = target
  const marker = join(srcDir, 'sources.json')
  const wanted = JSON.stringify(wantedStamp(target))
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return sources
  rmSync(srcDir, { recursive: true, force: true })
  cpSync(full, join(srcDir, 'whisper.cpp'), { recursive: true })
  cpSync(patched, join(srcDir, 'whisper.cpp'), { recursive: true })
  cpSync(join(fugood, 'src'), join(srcDir, 'addon'), { recursive: true })
  patchWhisperCpp(join(srcDir, 'whisper.cpp'))
  patchAddon(join(srcDir, 'addon'))
  if (target.stamp.dispatch) patchForDispatch(join(srcDir, 'whisper.cpp'), join(srcDir, 'addon'))
  writeFileSync(marker, wanted)
  return sources
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

function wantedStamp(target) {
  const { patch, ...rest } = target.stamp
  return {
    fugood: lockedVersion(root, FUGOOD),
    ...SOURCES,
    patch,
    platform: target.platform,
    ...rest
  }
}

const stampOf = (target) => join(target.outDir, 'build.json')

function upToDate(target, wanted) {
  const stampPath = stampOf(target)
  if (!existsSync(stampPath) || !existsSync(join(target.outDir, 'index.node'))) return false
  const stamp = JSON.parse(readFileSync(stampPath, 'utf8'))
  const same = Object.entries(wanted).every(([k, v]) => stamp[k] === v)
  return same && JSON.stringify(stamp.cpuFlags ?? null) === JSON.stringify(target.cpuFlags)
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

function build(target, targets) {
  const sources = prepareSources(target)
  const started = Date.now()
  log(`building whisper.cpp ${sources.version} for ${target.name} (a few minutes on 2 cores, once)`)
  cmake([
    '-S', join(root, 'native', 'whisper'),
    '-B', target.buildDir,
    '-DCMAKE_BUILD_TYPE=Release',
    ...target.cmakeArgs(sources),
    `-DWHISPER_SRC=${join(target.srcDir, 'whisper.cpp')}`,
    `-DADDON_SRC=${join(target.srcDir, 'addon')}`,
    `-DNAPI_INC=${sources.napi}`
  ]) // prettier-ignore
  const jobs = String(availableParallelism())
  for (const name of targets)
    cmake(['--build', target.buildDir, '--config', 'Release', '-j', jobs, '--target', name])
  if (target.outDir !== target.buildDir) install(target)
  return Math.round((Date.now() - started) / 1000)
}

/** The files a build consists of: the addon, and in the runtime-dispatch build its DLLs. */
function artifacts(dir) {
  return readdirSync(dir).filter((f) => f === 'index.node' || f.endsWith('.dll'))
}

/** The runtime-dispatch build's addon and DLLs, from cmake's bin folder into one folder. */
function install(target) {
  const bin = join(target.buildDir, 'bin')
  const from = existsSync(join(bin, 'Release', 'index.node')) ? join(bin, 'Release') : bin
  rmSync(target.outDir, { recursive: true, force: true })
  mkdirSync(target.outDir, { recursive: true })
  for (const file of artifacts(from)) cpSync(join(from, file), join(target.outDir, file))
}

/** The first line of the C++ compiler's --version: a new compiler makes a new cache entry. */
function compilerVersion(cxx) {
  if (!cxx) return 'cmake default'
  return spawnSync(cxx, ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? ''
}

/** This build's folder in the user's cache. */
function cacheDir(target, wanted) {
  const inputs = {
    ...wanted,
    cpuFlags: target.cpuFlags,
    abi: process.versions.modules,
    cxx: compilerVersion(target.cxx)
  }
  const key = createHash('sha1').update(JSON.stringify(inputs)).digest('hex').slice(0, 16)
  return join(userCacheDir(), 'whisper-native', key)
}

/** The build from the cache, if this exact build is there. */
function fromCache(target, cached) {
  if (!existsSync(join(cached, 'index.node')) || !existsSync(join(cached, 'build.json')))
    return false
  mkdirSync(target.outDir, { recursive: true })
  for (const file of artifacts(cached)) cpSync(join(cached, file), join(target.outDir, file))
  cpSync(join(cached, 'build.json'), stampOf(target))
  return true
}

/** Keeps the build in the cache; written aside and renamed, so no reader sees half a file. */
function toCache(target, cached) {
  try {
    const aside = `${cached}.${process.pid}`
    mkdirSync(aside, { recursive: true })
    for (const file of artifacts(target.outDir))
      cpSync(join(target.outDir, file), join(aside, file))
    cpSync(stampOf(target), join(aside, 'build.json'))
    rmSync(cached, { recursive: true, force: true })
    renameSync(aside, cached)
  } catch (err) {
    log(`not kept in ${cached}: ${err instanceof Error ? err.message : err}`)
  }
}

function main() {
  const wantCli = process.argv.includes('--cli')
  const target = chosenTarget()
  const missing = target.tools.filter((c) => !has(c))
  if (missing.length) return log(`no ${missing.join(', ')}: using the prebuilt (baseline CPU)`)
  const wanted = wantedStamp(target)
  const cached = cacheDir(target, wanted)
  if (upToDate(target, wanted) && (!wantCli || existsSync(target.cli))) {
    // A build from before the cache existed is kept there too.
    if (!existsSync(join(cached, 'index.node'))) toCache(target, cached)
    return
  }
  if (!wantCli && fromCache(target, cached))
    return log(`taken from ${cached} (built on this machine before)`)
  const seconds = build(target, wantCli ? ['index', 'whisper-cli'] : ['index'])
  const stamp = { ...wanted, ...(target.cpuFlags && { cpuFlags: target.cpuFlags }), seconds }
  writeFileSync(stampOf(target), JSON.stringify(stamp, null, 1))
  toCache(target, cached)
  log(`built in ${seconds} s: ${join(target.outDir, 'index.node')}`)
}

try {
  main()
} catch (err) {
  log(`not built, the prebuilt will be used: ${err instanceof Error ? err.message : err}`)
}
