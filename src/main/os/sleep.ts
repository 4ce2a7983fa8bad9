// A wait that does not keep the process alive on its own: for deadlines raced against the real
// work ("the root exited, or 2 s passed"), which must not hold a quitting process open.
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms).unref())
