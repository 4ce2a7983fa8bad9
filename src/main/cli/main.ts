// `transcriptor` entry (built to out/main/cli.js; bin/transcriptor.js loads it).
import { runCli } from './dispatch'

// A closed pipe (`transcriptor jobs list | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
})

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
