// Serves the built renderer. Paths are resolved inside the renderer dir only (no `..`, no
// symlink escape); routes without a file extension fall back to index.html (client routing).
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, resolve, sep } from 'node:path'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm'
}

export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/** The file a URL path names inside `root`, or null if it would leave `root` or is malformed. */
export async function resolveStaticPath(root: string, urlPath: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const realRoot = await realpath(root)
  const candidate = resolve(realRoot, '.' + (decoded === '/' ? '/index.html' : decoded))
  if (!candidate.startsWith(realRoot + sep)) return null
  try {
    const real = await realpath(candidate)
    if (!real.startsWith(realRoot + sep)) return null
    return (await stat(real)).isFile() ? real : null
  } catch {
    // Missing: a client-side route (no extension) gets the app; a missing asset is a 404.
    return extname(decoded) === '' ? resolve(realRoot, 'index.html') : null
  }
}

export async function sendFile(
  res: ServerResponse,
  path: string,
  headers: Record<string, string>,
  headOnly: boolean
): Promise<void> {
  const info = await stat(path)
  res.writeHead(200, { ...headers, 'Content-Type': mimeType(path), 'Content-Length': info.size })
  if (headOnly) {
    res.end()
    return
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(path)
    stream.on('error', () => {
      res.destroy()
      done()
    })
    stream.on('end', done)
    stream.pipe(res)
  })
}
