// The loopback transcription server as its own process (run with tsx), so a test can kill -9 it
// mid-job. `--port 0` picks a free port; the first stdout line is `listening <port>`.
// Flags: --fault KIND [--fault-times N] [--segments-only] [--dialect D] [--models a,b]; a required API key comes
// in STT_SERVER_API_KEY (never argv, which any process listing shows).
import { parseArgs } from 'node:util'
import {
  createSttServer,
  STT_DIALECTS,
  STT_FAULTS,
  type SttDialect,
  type SttFault
} from './sttServer'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    fault: { type: 'string' },
    'fault-times': { type: 'string' },
    'segments-only': { type: 'boolean' },
    dialect: { type: 'string' },
    models: { type: 'string' },
    'loop-chunks': { type: 'string' },
    'stubborn-chunks': { type: 'string' }
  }
})
const fault = values.fault as SttFault | undefined
if (fault && !STT_FAULTS.includes(fault)) throw new Error(`unknown fault ${fault}`)
const dialect = values.dialect as SttDialect | undefined
if (dialect && !STT_DIALECTS.includes(dialect)) throw new Error(`unknown dialect ${dialect}`)
const server = createSttServer({
  fault,
  faultTimes: values['fault-times'] ? Number(values['fault-times']) : undefined,
  segmentsOnly: values['segments-only'],
  dialect,
  apiKey: process.env.STT_SERVER_API_KEY || undefined,
  models: values.models?.split(','),
  loopChunks: values['loop-chunks']?.split(',').map(Number),
  stubbornChunks: values['stubborn-chunks']?.split(',').map(Number),
  log: (line) => process.stdout.write(`${line}\n`)
})
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`)
})
process.on('SIGTERM', () => process.exit(0))
