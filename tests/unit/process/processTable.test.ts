import { describe, expect, it } from 'vitest'
import {
  parseProcStat,
  readProcessTable,
  type ProcessEntry
} from '../../../src/main/os/processTable'
import { descendantsOf } from '../../../src/main/os/processTree'
import { isSameProcess, readStartTime } from '../../../src/main/os/processIdentity'

const entry = (pid: number, ppid: number, pgid = pid): ProcessEntry => ({
  pid,
  ppid,
  pgid,
  sid: pgid,
  startTime: `t${pid}`,
  command: 'x',
  zombie: false
})

describe('process table', () => {
  it('parses /proc/<pid>/stat even when the name holds spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 9)) // each value = its field number
    const text = `1234 (my (odd) name) S 1 1234 1234 0 -1 ${fields.join(' ')}`
    const parsed = parseProcStat(text)
    expect(parsed).toMatchObject({
      pid: 1234,
      ppid: 1,
      pgid: 1234,
      sid: 1234,
      command: 'my (odd) name',
      zombie: false
    })
    expect(parsed?.startTicks).toBe('22') // field 22
  })

  it('finds descendants by ancestry, including ones in another group or session', () => {
    const snapshot = new Map(
      [
        entry(10, 1),
        entry(11, 10, 10),
        entry(12, 11, 12),
        entry(13, 12, 12),
        entry(20, 1),
        entry(21, 20)
      ].map((e) => [e.pid, e] as const)
    )
    expect(
      descendantsOf(10, snapshot)
        .map((e) => e.pid)
        .sort()
    ).toEqual([11, 12, 13])
    expect(descendantsOf(13, snapshot)).toEqual([])
  })

  it('sees this process with its real parent, and identity is pid + start time', () => {
    const table = readProcessTable()
    expect(table?.get(process.pid)?.ppid).toBe(process.ppid)
    const mine = readStartTime(process.pid)
    expect(mine).toBeTruthy()
    expect(isSameProcess(process.pid, mine)).toBe(true)
    expect(isSameProcess(process.pid, `${mine}0`)).toBe(false)
    expect(isSameProcess(process.pid, null)).toBe(false)
  })
})
