// Every CLI command, one line each: `export { default as <name> } from './<file>'`.
export { default as transcribe } from './transcribe'
export { default as dbStatus } from './dbStatus'
export { default as jobsList } from './jobsList'
export { default as jobsShow } from './jobsShow'
export { default as jobsLogs } from './jobsLogs'
export { default as jobsStop } from './jobsStop'
export { default as reap } from './reap'
export { default as doctor } from './doctor'
