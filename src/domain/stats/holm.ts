/** Holm's step-down correction for multiple comparisons. Pure. */

/**
 * Holm-adjusted p-values (as R's `p.adjust(p, "holm")`): with the m non-null p-values sorted
 * ascending, p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎). Rejecting where p̃ < α controls the
 * family-wise error rate at α.
 * @param p raw p-values in [0, 1]; `null` (no test) passes through and does not count toward m
 * @returns adjusted p-values in the input order, each ≥ its raw value and ≤ 1; `null` where the input was.
 */
export function holmAdjust(p: readonly (number | null)[]): (number | null)[] {
  const present = p.flatMap((value, index) => (value === null ? [] : [{ value, index }]));
  present.sort((a, b) => a.value - b.value || a.index - b.index);
  const m = present.length;
  const out: (number | null)[] = p.map(() => null);
  let running = 0;
  present.forEach(({ value, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * value));
    out[index] = running;
  });
  return out;
}
