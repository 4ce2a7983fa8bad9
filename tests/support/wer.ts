// Word error rate: (substitutions + deletions + insertions) / reference words, by Levenshtein
// distance over words after normalizing case and punctuation. Used by tests and the bench.

export function normalizeForWer(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/<\/?s>/g, ' ')
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
}

/** 0 = perfect; can exceed 1 when the hypothesis has many insertions. Empty reference: 0 or 1. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = normalizeForWer(reference)
  const hyp = normalizeForWer(hypothesis)
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j)
  for (let i = 1; i <= ref.length; i++) {
    const current = [i]
    for (let j = 1; j <= hyp.length; j++) {
      const substitution = previous[j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1)
      current.push(Math.min(substitution, previous[j] + 1, current[j - 1] + 1))
    }
    previous = current
  }
  return previous[hyp.length] / ref.length
}
