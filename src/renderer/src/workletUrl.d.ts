// Vite's `?worker&url` import: the URL of a script bundled on its own (the AudioWorklet).
declare module '*?worker&url' {
  const url: string
  export default url
}
