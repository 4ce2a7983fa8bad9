// How long stopping may take, in one place: every stop (the UI's, the CLI's `jobs stop`, the
// reaper's) and every host's shutdown wait the same, so a job never outlives one host's quit and
// not another's.

/** SIGTERM → SIGKILL: how long a process tree gets to end by itself. */
export const STOP_GRACE_MS = 3_000

/** After SIGKILL: how long to wait for the kernel to confirm every process is gone. */
export const KILL_WAIT_MS = 3_000

/** A host's shutdown (app quit, browser host SIGTERM): every job stopped within this. */
export const SHUTDOWN_TIMEOUT_MS = 5_000
