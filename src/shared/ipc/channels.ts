// The contract's channel names without zod, so the sandboxed preload (which can require nothing but
// `electron`) and the renderer's WebSocket client stay small. The compile-time checks below fail
// the build if a name is added to or removed from contract.ts without updating these lists.
import type {
  EventChannel,
  IPC_PREFIX as CONTRACT_IPC_PREFIX,
  RequestChannel
} from '@shared/ipc/contract'

/** Same value as contract.ts's IPC_PREFIX (checked below), importable without zod. */
export const IPC_PREFIX = 'transcriptor:' as const satisfies typeof CONTRACT_IPC_PREFIX

export const REQUEST_CHANNELS = [
  'recording.start',
  'recording.append',
  'recording.stop',
  'jobs.create',
  'files.expandFolder',
  'jobs.list',
  'history.query',
  'jobs.queue',
  'jobs.batch',
  'jobs.get',
  'jobs.getMany',
  'jobs.delete',
  'jobs.stop',
  'jobs.retry',
  'jobs.resume',
  'jobs.redo',
  'jobs.resumeOffer',
  'jobs.setKeepInBackground',
  'jobs.logs',
  'jobs.processStatus',
  'jobs.metricsHistory',
  'jobs.transcript',
  'jobs.liveWords',
  'transcripts.get',
  'transcripts.save',
  'transcripts.revert',
  'jobs.openOutput',
  'jobs.revealOutput',
  'client.leavingPage',
  'settings.get',
  'settings.set',
  'engines.list',
  'endpoints.list',
  'endpoints.add',
  'endpoints.update',
  'endpoints.remove',
  'endpoints.test',
  'models.list',
  'models.pull',
  'models.cancel',
  'models.delete',
  'models.import',
  'voices.list',
  'voices.heard',
  'voices.remember',
  'voices.rename',
  'voices.delete',
  'watch.list',
  'watch.add',
  'watch.remove',
  'watch.setPaused'
] as const satisfies readonly RequestChannel[]

export const EVENT_CHANNEL_NAMES = [
  'job.updated',
  'job.progress',
  'job.deleted',
  'job.logs',
  'job.metrics',
  'job.words',
  'jobs.stopped',
  'models.progress',
  'app.notice',
  'watch.status',
  'transcript.changed',
  'recording.endAsked'
] as const satisfies readonly EventChannel[]

type Missing<All, Listed> = Exclude<All, Listed>
// Each resolves to `true` only when no contract channel is missing from the list above.
const everyRequestChannelListed: Missing<
  RequestChannel,
  (typeof REQUEST_CHANNELS)[number]
> extends never
  ? true
  : false = true
const everyEventChannelListed: Missing<
  EventChannel,
  (typeof EVENT_CHANNEL_NAMES)[number]
> extends never
  ? true
  : false = true
void everyRequestChannelListed
void everyEventChannelListed

export function isEventChannelName(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNEL_NAMES as readonly string[]).includes(value)
}
