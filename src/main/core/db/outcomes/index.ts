// A job's final status the database refused: kept in memory and in the job's slot on disk,
// retried, applied by whoever opens the database next, and shown to the user meanwhile. This is
// the module's one public entry; the files beside it are its parts.
export { isDatabaseRefusal, JobOutcomeSchema, type JobOutcome, type OutcomeWriter } from './outcome'
export { OutcomeLedger, type OutcomeLedgerOptions, type PendingOutcome } from './ledger'
export { OutcomeSlots, SLOT_BYTES } from './slots'
export { applyPendingOutcomes, type AppliedOutcome } from './pending'
export { reportHeldOutcomes, withHeldOutcome } from './heldOutcome'
