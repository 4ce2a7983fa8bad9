// Every CLI command, one line each: `export { default as <name> } from './<file>'`.
export { default as dbStatus } from './dbStatus'
export { default as jobsList } from './jobsList'
