// A worker process never outlives the process that started it: stdin closing (the parent died,
// even by kill -9) or a changed parent pid ends it at once.
export function exitWithParent(): void {
  const parent = process.ppid
  process.stdin.on('end', () => process.exit(0))
  process.stdin.on('error', () => process.exit(0))
  process.stdin.resume()
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0)
  }, 500).unref()
}
