// The pipeline's `--spec` argument as JSON, not yet validated: spec.ts validates it, and
// spawnFirstWorker.ts reads only its engine and model, before the schemas are loaded.
export function specJson(argv: string[]): unknown {
  const at = argv.indexOf('--spec')
  if (at < 0 || at + 1 >= argv.length)
    throw new Error('usage: pipeline.js [--supervised] --spec JSON')
  try {
    return JSON.parse(argv[at + 1]) as unknown
  } catch {
    throw new Error('invalid --spec: not JSON')
  }
}
