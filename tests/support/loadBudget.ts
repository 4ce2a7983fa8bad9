// Time budgets written for a laptop, checked on a machine that may be running two test suites on
// two cores (CI runs integration beside e2e). Far above its cores, every timing stretches several
// times: a budget stretches by 3 then, or by the load per core if that is higher, and the log says
// so next to the measured number. The load is read when a budget is checked, so a neighbour that
// started after the test file did still counts.
import { cpus, loadavg } from 'node:os'

const overloaded = (): boolean => loadavg()[0] > cpus().length * 2

/** How many times a laptop's budget the timing may take on this machine now. */
export const budgetStretch = (): number =>
  overloaded() ? Math.max(3, loadavg()[0] / cpus().length) : 1

/** " (load 4.4 on 2 cores: budgets ×3.0)" when stretched, else nothing. */
export const budgetNote = (): string =>
  overloaded()
    ? ` (load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores: budgets ×${budgetStretch().toFixed(1)})`
    : ''

/** The middle of several tries: one pause of a loaded machine is not the program's speed. */
export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
