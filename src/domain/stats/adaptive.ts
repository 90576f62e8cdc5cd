/** The adaptive pair schedule for inconclusive comparisons (design §5). Pure. */

/**
 * Next pair count to reach when a comparison is still inconclusive: the schedule initial, 2·initial,
 * 4·initial, … (10 → 20 → 40 → 80), capped at `max`. From a count between steps it goes to the next step.
 * @param current pairs measured so far
 * @param initial first pair count of the schedule (≥ 1; smaller values are treated as 1)
 * @param max the cap on pairs (rounded down to a whole pair)
 * @returns the total pair count to reach next (> current, ≤ max), or `null` when current ≥ max.
 */
export function nextPairTarget(current: number, initial: number, max: number): number | null {
  const cap = Math.floor(max);
  if (!(current < cap)) return null;
  let target = Math.max(1, Math.ceil(initial));
  while (target <= current) target *= 2;
  return Math.min(target, cap);
}

/**
 * How many times the adaptive schedule can look at the data: initial, 2·initial, … up to max.
 * Testing each look at α / looks keeps the chance of any false alarm over all looks ≤ α
 * (re-testing a growing sample at α each time would let it grow to 2–3%).
 */
export function scheduleLooks(initial: number, max: number): number {
  let looks = 1;
  for (let n = Math.max(1, Math.ceil(initial)); n < Math.floor(max); n = nextPairTarget(n, initial, max)!) looks++;
  return looks;
}

/**
 * The fewest pairs with which the exact signed-rank test can reach significance for the
 * most significant of `familySize` Holm-corrected tests at `alpha`: its smallest two-sided
 * p-value is 2 / 2ⁿ, which must fall below alpha / familySize. With fewer pairs no
 * regression can be reported at all, however large.
 */
export function minimumPairs(familySize: number, alpha: number): number {
  let n = 1;
  while (2 / 2 ** n >= alpha / Math.max(1, familySize)) n++;
  return n;
}
