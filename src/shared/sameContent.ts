// A file whose bytes were transcribed before is linked to that job, not run again: the one way the
// log, a watch's status and the pages say so (core/service/sameContent.ts links a job, and
// core/watch/fileTake.ts a watched file).
export function sameContentText(earlier: { id: number; filename: string }): string {
  return `same content as job ${earlier.id} (${earlier.filename}): its transcript is reused, not re-run`
}
