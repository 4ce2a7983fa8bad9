// The leave dialog's title: running and queued jobs counted apart (a queued job is not running).
/** "1 job is running", "2 jobs are queued", "1 job is running and 2 are queued". */
export function atStakeTitle(running: number, queued: number): string {
  const jobs = (n: number): string => (n === 1 ? '1 job' : `${n} jobs`)
  const is = (n: number): string => (n === 1 ? 'is' : 'are')
  if (queued === 0) return `${jobs(running)} ${is(running)} running`
  if (running === 0) return `${jobs(queued)} ${is(queued)} queued`
  return `${jobs(running)} ${is(running)} running and ${queued} ${is(queued)} queued`
}
