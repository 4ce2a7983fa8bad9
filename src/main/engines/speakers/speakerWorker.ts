// The speaker worker (out/main/speakerWorker.js), started by the pipeline for a job that asks for
// speakers: sherpa-onnx diarizes the decoded audio (diarizeFile.ts) and the result goes back on
// fd 3. sherpa's native code exits the process (255) or crashes on a model it dislikes, which is
// why it runs here, a tracked process of the job's tree, and never in the pipeline itself.
import { writeSync } from 'node:fs'
import { oneLineError } from '@shared/errors'
import { exitWithParent } from '../../os/watchParent'
import { diarizeFile } from './diarizeFile'
import { DiarizeRequestSchema, SPEAKER_REPLY_FD, type DiarizeReply } from './protocol'
import { loadSherpa } from './sherpaBinding'

function reply(message: DiarizeReply): void {
  try {
    writeSync(SPEAKER_REPLY_FD, JSON.stringify(message) + '\n')
  } catch {
    process.exit(0) // the pipeline is gone
  }
}

async function main(): Promise<void> {
  exitWithParent()
  let request
  try {
    request = DiarizeRequestSchema.parse(JSON.parse(process.argv[2] ?? ''))
  } catch (err) {
    reply({ type: 'error', message: `speaker worker: bad request: ${oneLineError(err)}` })
    process.exit(3)
  }
  try {
    await diarizeFile(loadSherpa(), request, reply)
    process.exit(0)
  } catch (err) {
    reply({ type: 'error', message: oneLineError(err) })
    process.exit(3)
  }
}

void main()
