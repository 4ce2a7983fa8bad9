// Types of npmPackages.mjs for the TypeScript that imports it (bench/whisperWine.ts).
export function lockedVersion(root: string, name: string): string
export function npmPack(spec: string, into: string): string
