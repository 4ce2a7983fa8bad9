// The setup scripts' folder in the user's cache ($XDG_CACHE_HOME or ~/.cache, then transcriptor):
// builds kept across clones (whisper.cpp's addon, better-sqlite3's prebuild). The app's own
// runtime cache (src/main/os/userCacheDir.ts) is the same folder on Linux.
import { homedir } from 'node:os'
import { join } from 'node:path'

export function userCacheDir() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'transcriptor')
}
