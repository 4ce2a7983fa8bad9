// The renderer's Content-Security-Policy, sent as a header by both hosts (the renderer's
// index.html carries the same policy in a meta tag for file:// loads). No remote content: scripts,
// styles and images come from the app itself; the only connection allowed beyond 'self' is the
// browser host's loopback WebSocket.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  // The job page plays the original recording: the host's /media route, Electron's protocol.
  "media-src 'self' transcriptor-media:",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')
