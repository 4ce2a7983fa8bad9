// The renderer's one way to reach the core: `getApi()`. In Electron the preload has exposed
// `window.transcriptor`; in the browser host it is built here over the host's WebSocket, from the
// same contract, so pages and stores never know which host they run in.
import type { TranscriptorApi } from '@shared/ipc/api'
import { buildApi } from '@shared/ipc/buildApi'
import { mediaHttpPath, UPLOAD_NAME_PARAM, UPLOAD_PATH } from '@shared/ipc/routes'
import { createSocketTransport } from './socketTransport'

declare global {
  interface Window {
    transcriptor?: TranscriptorApi
  }
}

const TOKEN_KEY = 'transcriptor.hostToken'

/** The browser host's token: from the page URL (`?token=`), remembered for in-app navigation. */
export function hostToken(): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('token')
  try {
    if (fromUrl) window.sessionStorage.setItem(TOKEN_KEY, fromUrl)
    return fromUrl ?? window.sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return fromUrl
  }
}

/** `?token=…` when the page knows it; otherwise the host's HttpOnly cookie authorises us. */
function withToken(
  path: string,
  token: string | null,
  params: Record<string, string> = {}
): string {
  const query = new URLSearchParams(token ? { ...params, token } : params).toString()
  return query ? `${path}?${query}` : path
}

async function uploadFile(file: File, token: string | null): Promise<string> {
  const response = await fetch(withToken(UPLOAD_PATH, token, { [UPLOAD_NAME_PARAM]: file.name }), {
    method: 'POST',
    body: file
  })
  const body = (await response.json().catch(() => ({}))) as { path?: unknown; error?: unknown }
  if (!response.ok || typeof body.path !== 'string') {
    throw new Error(
      typeof body.error === 'string' ? body.error : `upload failed (HTTP ${response.status})`
    )
  }
  return body.path
}

function createBrowserHostApi(): TranscriptorApi {
  const token = hostToken()
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  const socketUrl = `${scheme}://${window.location.host}${withToken('/ws', token)}`
  return {
    ...buildApi(createSocketTransport(socketUrl)),
    uploadFile: (file) => uploadFile(file, token),
    mediaUrl: (jobId) => withToken(mediaHttpPath(jobId), token)
  }
}

/**
 * In Electron, the preload's `window.transcriptor`. In the browser host, the WebSocket client,
 * published at the same place so both hosts look alike to the page and to e2e tests.
 */
export function getApi(): TranscriptorApi {
  window.transcriptor ??= createBrowserHostApi()
  return window.transcriptor
}
