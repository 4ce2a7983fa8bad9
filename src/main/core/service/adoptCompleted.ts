// What the runner does with a completed job's outputs (JobRunnerDeps.adopt): speakers whose voice
// the user saved take its name (in the files, so the database takes the named transcript in as
// the engine's), then the transcript moves into the database (History search, edits).
import type { JobRow, OutputFiles } from '@shared/domain'
import type { Store } from '../openDataDir'
import { outputClaims } from '../db/outputClaims'
import { adoptOutputs } from '../transcripts/adoptOutputs'
import { nameKnownVoices } from '../voices/nameKnownVoices'

export function completedJobAdopter(
  store: Pick<Store, 'db' | 'settings' | 'transcripts'>
): (job: JobRow, outputs: OutputFiles) => OutputFiles {
  const naming = {
    db: store.db,
    threshold: () => store.settings.get().voiceMatchThreshold,
    ownedByOther: outputClaims(store.db)
  }
  return (job, outputs) => {
    nameKnownVoices(naming, job, outputs)
    return adoptOutputs(job, outputs, store.transcripts)
  }
}
