/** The smallest change worth reporting, learned from a series' history (rustc-perf's noise fence). Pure. */

/** Median of an ascending slice, rustc-perf style (mean of the two middle values for even lengths). */
function sortedMedian(sorted: readonly number[]): number {
  const len = sorted.length;
  return len % 2 === 0 ? (sorted[(len - 1) >> 1]! + sorted[len >> 1]!) / 2 : sorted[len >> 1]!;
}

/**
 * Significance threshold of a series as rustc-perf computes it (`HistoricalData::significance_threshold`
 * in `site/src/comparison.rs`): the upper fence Q3 + 3·(Q3 − Q1) of the absolute relative deltas
 * between adjacent default-branch results.
 *
 * Quartiles follow rustc-perf exactly, not a textbook definition: the deltas are sorted and Q1/Q3 are the
 * medians of a lower and an upper part that leave out the middle — for an odd count the middle value,
 * for an even count the two middle values (so with 12 deltas Q1 is the median of the 5 smallest and Q3
 * of the 5 largest). Differences from rustc-perf: rustc-perf takes |bᵢ − bᵢ₊₁| / bᵢ itself from the last
 * 30 commits and needs 29 deltas, while this takes the deltas from the caller (their sign is dropped,
 * non-finite values are ignored) and needs `minPoints`; rustc-perf compares the fence with a single
 * relative change, perfbot with a Hodges–Lehmann estimate.
 *
 * @param relativeDeltas (bᵢ₊₁ − bᵢ)/bᵢ as fractions (0.01 = 1%), any sign
 * @param minPoints fewest usable deltas to learn from (at least 2 are always required)
 * @returns the threshold as a fraction, or `null` with fewer than `minPoints` finite deltas.
 */
export function learnedThreshold(relativeDeltas: readonly number[], minPoints = 12): number | null {
  const pcs = relativeDeltas.filter((v) => Number.isFinite(v)).map((v) => Math.abs(v));
  const len = pcs.length;
  if (len < Math.max(2, minPoints)) return null;
  pcs.sort((a, b) => a - b);
  let h1End: number;
  let h2Begin: number;
  if (len <= 2) {
    h1End = 0;
    h2Begin = 1;
  } else if (len % 2 === 0) {
    h1End = len / 2 - 2;
    h2Begin = len / 2 + 1;
  } else {
    h1End = (len >> 1) - 1;
    h2Begin = (len >> 1) + 1;
  }
  const q1 = sortedMedian(pcs.slice(0, h1End + 1));
  const q3 = sortedMedian(pcs.slice(h2Begin));
  return q3 + 3 * (q3 - q1);
}
