// npm packages fetched as tarballs (`npm pack`) and unpacked once per version, for what runs
// before or outside node_modules: whisper.cpp's sources for the build made here
// (whisper-native.mjs) and the Windows pieces the whisper bench runs under wine
// (bench/whisperWine.ts).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

/** The version package-lock.json (in `root`) pins for `name` (node_modules may not exist yet). */
export function lockedVersion(root, name) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
  const version = lock.packages?.[`node_modules/${name}`]?.version
  if (!version) throw new Error(`${name} is not in package-lock.json`)
  return version
}

/** `spec` (name@version) unpacked under `into`, fetched once per version. */
export function npmPack(spec, into) {
  const dest = join(into, spec)
  if (existsSync(join(dest, 'package.json'))) return dest
  mkdirSync(into, { recursive: true })
  const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', into], {
    encoding: 'utf8',
    shell: process.platform === 'win32'
  })
  const tarball = join(into, out.trim().split('\n').pop())
  mkdirSync(dest, { recursive: true })
  execFileSync('tar', ['xzf', tarball, '-C', dest, '--strip-components=1'])
  rmSync(tarball)
  return dest
}
