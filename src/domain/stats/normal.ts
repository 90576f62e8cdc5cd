/** The standard normal distribution, to double precision, without lookup tables. Pure. */

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * Complementary error function erfc(x) = 1 − erf(x).
 * Uses the everywhere-positive series erf(x) = 2/√π · e^(−x²) · Σ 2ⁿx^(2n+1)/(2n+1)!! for
 * |x| < 2.5 and the Laplace continued fraction beyond, so tail values keep their relative precision.
 * @returns a number in [0, 2]; `NaN` for `NaN`.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; term > sum * 1e-17; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - ((2 / SQRT_PI) * Math.exp(-x * x) * sum);
  }
  if (x > 27) return 0; // e^(−x²) underflows
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated bottom-up.
  let f = x;
  for (let k = 120; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/**
 * Standard normal cumulative distribution Φ(z) = P(Z ≤ z).
 * @returns a probability in [0, 1]; `NaN` for `NaN`.
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Standard normal quantile Φ⁻¹(p), by bisection on {@link normalCdf} (slow-ish but exact to the last bits;
 * it is called once per interval, not in loops).
 * @param p probability in (0, 1)
 * @returns z with Φ(z) = p; `-Infinity` for p = 0, `Infinity` for p = 1, `NaN` outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
