// `jobs show`'s doubtful words: how many the job's transcript (with the user's edits) has under
// the settings' threshold, by the editor's own rule (src/shared/doubtfulWords.ts).
import { doubtfulWords } from '@shared/doubtfulWords'
import { CLI_CLIENT, type CommandContext } from '../command'

/** The count and the threshold it was counted at; null when the job has no transcript. */
export async function doubtfulCount(
  ctx: CommandContext,
  id: number
): Promise<{ count: number; below: number } | null> {
  const { handlers } = ctx.service()
  const doc = await handlers['transcripts.get']({ id }, CLI_CLIENT)
  if (!doc) return null
  const { doubtfulBelow } = await handlers['settings.get']({}, CLI_CLIENT)
  return { count: doubtfulWords(doc.transcript, doubtfulBelow).length, below: doubtfulBelow }
}
