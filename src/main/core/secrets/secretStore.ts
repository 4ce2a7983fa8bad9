// Where API keys live: never in the database, logs, job rows, IPC events or error messages. The
// core asks this small interface; the Electron host backs it with safeStorage (the OS keychain),
// the CLI and the browser host with a 0600 file under the data dir.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface SecretStore {
  get(name: string): string | null
  set(name: string, value: string): void
  delete(name: string): void
}

/** A JSON map of name → value in one file only its owner can read (mode 0600). */
export class FileSecretStore implements SecretStore {
  constructor(private readonly path: string) {}

  private read(): Record<string, string> {
    if (!existsSync(this.path)) return {}
    try {
      const value = JSON.parse(readFileSync(this.path, 'utf8')) as unknown
      return value && typeof value === 'object' ? (value as Record<string, string>) : {}
    } catch {
      return {}
    }
  }

  private write(all: Record<string, string>): void {
    mkdirSync(dirname(this.path), { recursive: true })
    const temp = `${this.path}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(all), { mode: 0o600 })
    chmodSync(temp, 0o600)
    renameSync(temp, this.path)
  }

  get(name: string): string | null {
    const value = this.read()[name]
    return typeof value === 'string' ? value : null
  }

  set(name: string, value: string): void {
    this.write({ ...this.read(), [name]: value })
  }

  delete(name: string): void {
    const all = this.read()
    if (!(name in all)) return
    delete all[name]
    this.write(all)
  }
}
