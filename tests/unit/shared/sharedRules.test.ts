// Each rule that used to be written in several places (and disagreed) now has one definition;
// these pin the behaviour every caller gets from it.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatBytes } from '@shared/byteText'
import { clockText } from '@shared/clockText'
import { ACTIVE_STATUSES, JOB_STATUSES, isTerminalStatus } from '@shared/domain'
import {
  EndpointRefSchema,
  NewEndpointSchema,
  parseRequestTimeout,
  RequestTimeoutSecondsSchema
} from '@shared/endpoints'
import { PipelineSpecSchema } from '@shared/pipelineProtocol'
import {
  dataPaths,
  jobLogPath,
  jobOutputDir,
  jobTempDir,
  jobWorkDir
} from '../../../src/main/core/paths'
import { makeSpec } from '../../support/pipelineSpec'

const ROOT = resolve(__dirname, '../../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

describe('the request timeout', () => {
  const endpoint = { baseUrl: 'http://127.0.0.1:1', model: 'm', concurrency: 1 }

  it('is whole seconds from 1 to 86400 for the endpoint, the new endpoint and the pipeline', () => {
    for (const bad of [0, 0.5, 1.5, 86_401]) {
      expect(EndpointRefSchema.safeParse({ ...endpoint, timeoutSeconds: bad }).success).toBe(false)
      expect(NewEndpointSchema.safeParse({ ...endpoint, timeoutSeconds: bad }).success).toBe(false)
    }
    expect(EndpointRefSchema.parse({ ...endpoint, timeoutSeconds: 86_400 }).timeoutSeconds).toBe(
      86_400
    )
    const spec = (requestTimeoutSeconds: number): boolean =>
      PipelineSpecSchema.safeParse({
        ...makeSpec('/', '/in/a.wav', { jobId: 3, outputDir: '/out', formats: ['txt'] }),
        requestTimeoutSeconds
      }).success
    expect([spec(300), spec(0.5)]).toEqual([true, false])
  })

  it('reads typed text the same way for the form and the CLI: empty is the default', () => {
    expect(parseRequestTimeout(' ')).toEqual({})
    expect(parseRequestTimeout('45')).toEqual({ seconds: 45 })
    for (const bad of ['0', '0.5', '1e3', '86401', 'soon']) {
      expect(parseRequestTimeout(bad).problem).toBe(
        `a request timeout is whole seconds from 1 to 86400, not '${bad}'`
      )
    }
    expect(RequestTimeoutSecondsSchema.safeParse(300).success).toBe(true)
  })
})

describe('byte text', () => {
  it('uses binary units, one decimal below 10 and none above', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(8 * 1024 ** 2)).toBe('8.0 MiB')
    expect(formatBytes(64 * 1024 ** 2)).toBe('64 MiB')
    // The medium model: "1.5 GiB", not "1.48 GiB" in one place and "1.5 GiB" in another.
    expect(formatBytes(1_589_137_899)).toBe('1.5 GiB')
    expect(formatBytes(9.97 * 1024 ** 2)).toBe('10 MiB')
    expect(formatBytes(1023 * 1024 ** 4 * 4)).toBe('4092 TiB')
  })
})

describe('clock text', () => {
  it('is m:ss below an hour, h:mm:ss from it, never ahead of time', () => {
    expect(clockText(65)).toBe('1:05')
    expect(clockText(59.9)).toBe('0:59')
    expect(clockText(3 * 3600 + 3)).toBe('3:00:03')
    expect(clockText(-4)).toBe('0:00')
  })
})

describe('terminal statuses', () => {
  it('split the statuses in two: ended for good, or may still run', () => {
    expect(JOB_STATUSES.filter(isTerminalStatus)).toEqual(['completed', 'failed', 'cancelled'])
    expect(ACTIVE_STATUSES).toEqual(['queued', 'processing'])
    expect(isTerminalStatus(undefined)).toBe(false)
  })
})

describe('the data dir layout', () => {
  it('builds every per-job path inside the folders dataPaths names', () => {
    const p = dataPaths('/d')
    expect(jobTempDir('/d', 7)).toBe(join(p.tmp, 'job-7'))
    expect(jobWorkDir('/d', 7)).toBe(join(p.work, 'job-7'))
    expect(jobOutputDir('/d', 7)).toBe(join(p.outputs, '7'))
    expect(jobLogPath('/d', 7)).toBe(join(p.logs, 'transcribe_job_7.log'))
  })

  it('is spelled only in core/paths.ts: no other file joins a data-dir folder name', () => {
    const names =
      /join\([^)]*['"](uploads|outputs|logs|work|tmp|outcomes|models|secrets[^'"]*|transcriptor\.db)['"]/
    const bypasses = sourceFiles(join(ROOT, 'src/main'))
      .filter((f) => !f.endsWith(join('core', 'paths.ts')))
      .filter((f) => names.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f))
    expect(bypasses).toEqual([])
  })
})

describe('an unknown error as one line', () => {
  it('is written once, in src/shared/errors.ts', () => {
    const copies = sourceFiles(join(ROOT, 'src'))
      .filter((f) => readFileSync(f, 'utf8').includes('instanceof Error ?'))
      .map((f) => relative(ROOT, f))
    expect(copies).toEqual(['src/shared/errors.ts'])
  })
})
