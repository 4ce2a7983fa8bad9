// The app's SecretStore: each API key encrypted with Electron's safeStorage (the OS keychain:
// Keychain, DPAPI, libsecret/kwallet), the ciphertext kept as base64 in a 0600 file in the data
// dir. Where the OS offers no encryption, storing a key is refused with a reason rather than
// written in the clear.
import { safeStorage } from 'electron'
import { FileSecretStore, type SecretStore } from '../core/secrets/secretStore'

export class SafeStorageSecretStore implements SecretStore {
  private readonly file: FileSecretStore

  constructor(path: string) {
    this.file = new FileSecretStore(path)
  }

  get(name: string): string | null {
    const sealed = this.file.get(name)
    if (sealed === null || !safeStorage.isEncryptionAvailable()) return null
    try {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'))
    } catch {
      return null
    }
  }

  set(name: string, value: string): void {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error('the system keychain is not available, so the key cannot be stored safely')
    this.file.set(name, safeStorage.encryptString(value).toString('base64'))
  }

  delete(name: string): void {
    this.file.delete(name)
  }
}
