// Where this user's machine keeps what can be derived again (not the user's data, which lives in
// the data dir: core/paths.ts): the platform's cache folder, Transcriptor's part of it.
import { homedir } from 'node:os'
import { join } from 'node:path'

export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = homedir()
  if (process.platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Transcriptor', 'Cache')
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'Transcriptor')
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'transcriptor')
}
