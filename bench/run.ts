// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line), prints one
// table and writes bench/results/<timestamp>.json. Benches measure a target against its baseline
// in the same run, because these machines are noisy.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchResult } from './types'

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort()
  const results: (BenchResult & { bench: string })[] = []
  let failed = 0
  for (const file of files) {
    const bench = file.replace(/\.bench\.ts$/, '')
    process.stderr.write(`[bench] ${bench} …\n`)
    try {
      const mod = (await import(join(__dirname, file))) as { run: () => Promise<BenchResult[]> }
      for (const r of await mod.run()) results.push({ bench, ...r })
    } catch (error) {
      failed++
      results.push({ bench, name: 'error', value: NaN, unit: '', notes: String(error) })
    }
  }
  const fmt = (n: number | undefined): string =>
    n === undefined ? '' : Number.isInteger(n) ? String(n) : n.toPrecision(4)
  const rows = results.map((r) => [
    r.bench,
    r.name,
    `${fmt(r.value)} ${r.unit}`.trim(),
    fmt(r.baseline),
    r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
    r.notes ?? ''
  ])
  const header = ['bench', 'measure', 'value', 'baseline', 'ratio', 'target', 'met', 'notes']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of rows) console.log(line(row))
  const dir = join(__dirname, 'results')
  mkdirSync(dir, { recursive: true })
  const out = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), results }, null, 2))
  console.log(`\nwritten: ${out}`)
  if (failed) process.exitCode = 1
}

void main()
