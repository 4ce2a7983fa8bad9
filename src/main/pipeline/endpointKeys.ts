// API keys reach the pipeline through its environment, never its argv (which any process listing
// shows) nor its spec (which is logged). They are read once and removed from process.env, so no
// ffmpeg or engine child inherits them.
export const ENDPOINT_KEYS_ENV = 'TRANSCRIPTOR_ENDPOINT_KEYS'
export const API_KEY_ENV = 'TRANSCRIPTOR_API_KEY'
/** keyRef of an endpoint whose key is TRANSCRIPTOR_API_KEY (the CLI's way). */
export const ENV_KEY_REF = 'env'

export type EndpointKeys = ReadonlyMap<string, string>

export function takeEndpointKeys(env: NodeJS.ProcessEnv = process.env): EndpointKeys {
  const keys = new Map<string, string>()
  const raw = env[ENDPOINT_KEYS_ENV]
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Record<string, unknown>
      for (const [ref, key] of Object.entries(parsed))
        if (typeof key === 'string' && key) keys.set(ref, key)
    } catch {
      // A malformed value is ignored: requests then go without a key and say "not authorised".
    }
  }
  if (env[API_KEY_ENV]) keys.set(ENV_KEY_REF, env[API_KEY_ENV])
  delete env[ENDPOINT_KEYS_ENV]
  delete env[API_KEY_ENV]
  return keys
}
