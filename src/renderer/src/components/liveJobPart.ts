// What a part of the job page that follows one job as it runs is given (the metrics, the live
// transcript): the job, and whether it runs now. Once it does not, the part keeps what it showed
// as the past.
export interface LiveJobPart {
  jobId: number
  /** The job is processing (not queued, not ended). */
  running: boolean
}
