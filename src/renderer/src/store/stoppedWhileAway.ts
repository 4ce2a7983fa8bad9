// A reload stops the page's jobs (those not kept in background), and a browser's own reload
// prompt cannot say which. So the page notes its jobs at stake as it goes (sessionStorage lives
// as long as the tab), and the next page in the tab reads the note and says which of them were
// stopped, as the leave dialog's own Stop does. A stop that comes after the new page connected
// reaches it as the host's `jobs.stopped` event; one that came before is read from the rows here.
import { z } from 'zod'
import type { JobRow } from '@shared/domain'
import type { TranscriptorApi } from '@shared/ipc/api'
import { addStoppedNotice } from './noticesStore'

const NOTE = 'transcriptor.jobsAtStakeWhenLeft'
const NoteSchema = z.array(z.number().int().positive()).max(1_000)

/** Called as the page goes (pagehide): the jobs that stop with it. */
export function noteJobsAtStake(ids: number[]): void {
  try {
    if (ids.length > 0) sessionStorage.setItem(NOTE, JSON.stringify(ids))
    else sessionStorage.removeItem(NOTE)
  } catch {
    // Storage turned off: the next page has nothing to say, as before.
  }
}

function takeNote(): number[] {
  try {
    const raw = sessionStorage.getItem(NOTE)
    sessionStorage.removeItem(NOTE)
    const parsed = raw === null ? null : NoteSchema.safeParse(JSON.parse(raw))
    return parsed?.success ? parsed.data : []
  } catch {
    return []
  }
}

/** At start: the noted jobs that the previous page's going away stopped, in a notice. */
export async function reportJobsStoppedWhileAway(api: TranscriptorApi): Promise<void> {
  const ids = takeNote()
  if (ids.length === 0) return
  const rows = await Promise.all(ids.map((id) => api.jobs.get({ id }).catch(() => null)))
  const byReason = new Map<string, JobRow[]>()
  for (const row of rows) {
    if (row?.status !== 'cancelled' || !row.cancel_reason) continue
    byReason.set(row.cancel_reason, [...(byReason.get(row.cancel_reason) ?? []), row])
  }
  for (const [reason, stopped] of byReason) addStoppedNotice(stopped, reason)
}
