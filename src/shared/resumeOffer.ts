// Whether Resume is worth offering for a stopped or failed job: how many of its chunks have their
// words checkpointed. A job that never got that far (a file that was never audio, a stop during
// decoding) has nothing to resume from: Retry starts it again. Host: core/service/resumeCheck.ts.
export interface ResumeOffer {
  /** Chunks whose words are kept; 0 = nothing to resume (then `reason` says why). */
  finishedChunks: number
  /** Chunks the job was cut into; 0 when it never got as far as planning them. */
  totalChunks: number
  reason: string | null
}
