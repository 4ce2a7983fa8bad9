// Stores replace their state, never mutate it: dropping one job's entry means a copy without it.

/** A copy of a per-job record without `key`'s entry. */
export function withoutKey<T>(record: Readonly<Record<number, T>>, key: number): Record<number, T> {
  const copy = { ...record }
  delete copy[key]
  return copy
}
