// Doyensec's electronegativity, offline, on the BUILT app (out/): no HIGH finding is allowed.
// Lower findings are printed for review, not failed on (e.g. 'unsafe-inline' styles in the CSP).
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../support/host'

const ELECTRON_VERSION = '39.5.0'

interface Finding {
  issue: string
  severity: string
  confidence: string
  file: string
  description: string
}

/** Splits one CSV line (electronegativity quotes fields that may hold commas). */
function csvFields(line: string): string[] {
  const fields: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted && ch === '"' && line[i + 1] === '"') {
      current += '"'
      i++
    } else if (ch === '"') {
      quoted = !quoted
    } else if (ch === ',' && !quoted) {
      fields.push(current.trim())
      current = ''
    } else {
      current += ch
    }
  }
  fields.push(current.trim())
  return fields
}

describe('electronegativity on the build output', () => {
  it('reports no HIGH finding', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'transcriptor-electronegativity-'))
    try {
      const report = join(dir, 'report.csv')
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js'),
          '-i',
          join(ROOT, 'out'),
          '-e',
          ELECTRON_VERSION,
          '-o',
          report,
          '-v',
          'false'
        ],
        { cwd: ROOT, stdio: 'pipe', timeout: 120_000 }
      )
      const [header, ...rows] = (await readFile(report, 'utf8')).split('\n').filter((l) => l.trim())
      expect(header).toMatch(/^issue, severity, confidence, filename/)
      const findings: Finding[] = rows.map((row) => {
        const [issue = '', severity = '', confidence = '', file = '', , , description = ''] =
          csvFields(row)
        return { issue, severity, confidence, file, description }
      })
      for (const f of findings)
        console.log(`[electronegativity] ${f.severity} ${f.issue} ${f.file}: ${f.description}`)
      expect(findings.filter((f) => f.severity === 'HIGH')).toEqual([])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
