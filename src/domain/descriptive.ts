/** Descriptive statistics over plain number arrays. Pure. */

/** @returns the median, or `null` for an empty array. */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/**
 * Linear-interpolated quantile (type 7, as R and numpy default).
 * @param q in 0..1
 * @returns the quantile, or `null` for an empty array.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

/** @returns the arithmetic mean, or `null` for an empty array. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** @returns the sample standard deviation (n − 1), or `null` with fewer than two values. */
export function standardDeviation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values)!;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

/**
 * Coefficient of variation: standard deviation over mean.
 * @returns a fraction (0.03 = 3%), or `null` with fewer than two values or a zero mean.
 */
export function coefficientOfVariation(values: readonly number[]): number | null {
  const sd = standardDeviation(values);
  const m = mean(values);
  if (sd === null || m === null || m === 0) return null;
  return sd / Math.abs(m);
}
