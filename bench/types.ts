/** One measured figure, ideally next to its baseline from the same run. */
export interface BenchResult {
  name: string
  value: number
  unit: string
  /** The baseline measured in the same run (e.g. tree-kill, GNU tail, processes=1). */
  baseline?: number
  /** value relative to baseline, stated so that bigger is better unless notes say otherwise. */
  ratio?: number
  /** The target in words, e.g. "p50 ≤ 50 ms and ≥ 10× tree-kill". */
  target?: string
  pass?: boolean
  notes?: string
}

export type Bench = () => Promise<BenchResult[]>
