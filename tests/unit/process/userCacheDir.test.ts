import { homedir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { userCacheDir } from '../../../src/main/os/userCacheDir'

describe('userCacheDir', () => {
  it.runIf(process.platform === 'linux')('follows XDG_CACHE_HOME, else ~/.cache', () => {
    expect(userCacheDir({ XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/transcriptor')
    expect(userCacheDir({})).toBe(join(homedir(), '.cache', 'transcriptor'))
  })
})
