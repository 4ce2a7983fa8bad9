// Resume, offered only where there is something to resume from: the host counts the chunks whose
// words are checkpointed (jobs.resumeOffer). A file that was never audio, or a job stopped before
// its first chunk finished, gets no Resume (Retry starts it again). After resuming, the job page
// follows the job (`openJob`: from History, the page goes there).
import { useEffect, useState } from 'react'
import type { JobRow } from '@shared/domain'
import type { ResumeOffer } from '@shared/resumeOffer'
import { getApi } from '../transport/getApi'
import { resumeJob } from '../store/jobActions'
import { navigate } from '../store/navigation'

export function ResumeButton({
  row,
  openJob = false,
  testId
}: {
  row: JobRow
  openJob?: boolean
  testId: string
}): React.JSX.Element | null {
  const offer = useResumeOffer(row)
  const [resuming, setResuming] = useState(false)
  if (!offer || offer.finishedChunks === 0) return null
  const onResume = async (): Promise<void> => {
    setResuming(true)
    const resumed = await resumeJob(row.id)
    setResuming(false)
    if (resumed && openJob) navigate({ page: 'job', id: row.id })
  }
  return (
    <button
      onClick={() => void onResume()}
      disabled={resuming}
      title={`Continue from the ${offer.finishedChunks} of ${offer.totalChunks} chunks already transcribed`}
      data-testid={testId}
    >
      Resume
    </button>
  )
}

/** The host's offer for a stopped or failed job; null while asked, or for any other status. */
function useResumeOffer(row: JobRow): ResumeOffer | null {
  const [offer, setOffer] = useState<ResumeOffer | null>(null)
  const endedAs = row.status === 'failed' || row.status === 'cancelled' ? row.finished_at : null
  useEffect(() => {
    setOffer(null)
    if (endedAs === null) return
    let live = true
    getApi()
      .jobs.resumeOffer({ id: row.id })
      .then((o) => live && setOffer(o))
      .catch(() => undefined) // deleted meanwhile: nothing to offer
    return () => {
      live = false
    }
  }, [row.id, endedAs])
  return offer
}
