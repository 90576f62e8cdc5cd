/** Student's t distribution via the regularized incomplete beta function, without lookup tables. Pure. */

// Lanczos approximation, g = 7, nine terms: about 15 significant digits for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const CF_EPSILON = 1e-15;
const CF_TINY = 1e-300;
const CF_MAX_ITERATIONS = 100_000;

/**
 * Natural logarithm of the gamma function, ln Γ(x), by the Lanczos approximation (g = 7, 9 terms).
 * @param x positive real
 * @returns ln Γ(x) to about 15 significant digits; `NaN` for x ≤ 0 or `NaN`, `Infinity` for `Infinity`.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** The continued fraction of I_x(a, b) (modified Lentz), which converges fast for x < (a + 1)/(a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < CF_TINY) d = CF_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= CF_MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // Even step: d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)).
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step: d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < CF_EPSILON) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), the CDF of a Beta(a, b) variable.
 * Uses the continued fraction on whichever side of the mean converges fast (Numerical Recipes §6.4), so
 * both small values of I and of 1 − I keep their relative precision when asked for on the right side:
 * see {@link regularizedIncompleteBetaComplement}.
 * @param x in [0, 1]
 * @param a shape, > 0
 * @param b shape, > 0
 * @returns a probability in [0, 1]; `NaN` when x is outside [0, 1] or a shape is not positive.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  return incompleteBetaPair(x, 1 - x, a, b)[0];
}

/**
 * 1 − I_x(a, b), computed without cancellation when I_x(a, b) is close to 1.
 * @returns a probability in [0, 1]; `NaN` for invalid arguments as {@link regularizedIncompleteBeta}.
 */
export function regularizedIncompleteBetaComplement(x: number, a: number, b: number): number {
  return incompleteBetaPair(x, 1 - x, a, b)[1];
}

/** [I_x(a, b), 1 − I_x(a, b)], each accurate where it is small; `y` must be 1 − x. */
function incompleteBetaPair(x: number, y: number, a: number, b: number): [number, number] {
  if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1 && a > 0 && b > 0)) return [NaN, NaN];
  if (x === 0) return [0, 1];
  if (y === 0) return [1, 0];
  // Whichever of x and y is closer to 1 goes through log1p of the other, which holds the precision.
  const logX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const logY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const logFront = a * logX + b * logY - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = Math.min(1, (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a);
    return [lower, 1 - lower];
  }
  const upper = Math.min(1, (Math.exp(logFront) * betaContinuedFraction(y, b, a)) / b);
  return [1 - upper, upper];
}

/**
 * Student's t cumulative distribution P(T ≤ t) with `df` degrees of freedom.
 * @param t the t statistic (any real; ±`Infinity` allowed)
 * @param df degrees of freedom, > 0 (need not be an integer)
 * @returns a probability in [0, 1]; `NaN` for `NaN` arguments or df ≤ 0.
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  const tail = studentTTwoSidedP(t, df) / 2; // P(T > |t|)
  return t < 0 ? tail : 1 - tail;
}

/**
 * Two-sided p-value of a t statistic: P(|T| ≥ |t|) with `df` degrees of freedom, computed as
 * I_{df/(df + t²)}(df/2, 1/2), so that tiny p-values (large |t|) keep their relative precision.
 * @param t the t statistic (any real; ±`Infinity` gives 0)
 * @param df degrees of freedom, > 0 (need not be an integer)
 * @returns a probability in [0, 1]; `NaN` for `NaN` arguments or df ≤ 0.
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  if (t2 === Infinity) return 0;
  // x = df/(df + t²) and 1 − x = t²/(df + t²), each computed directly.
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  return incompleteBetaPair(x, y, df / 2, 0.5)[0];
}
