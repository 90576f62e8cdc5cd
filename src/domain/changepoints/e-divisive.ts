/**
 * E-Divisive means (Matteson & James 2014) with the free end κ of Apache Otava, on one window of a
 * series, with a caller-supplied significance test in place of permutations. Pure.
 */

/**
 * Pairwise distance sums of one stretch of a series, for O(1) evaluation of the divergence Q̂ of any two
 * adjacent sub-segments. Memory and build time are O(size²).
 */
export interface EnergyTable {
  /** Number of values covered. */
  size: number;
  /**
   * within[a·(size + 1) + b] = Σ_{a ≤ i < j < b} |x_i − x_j| for local indices 0 ≤ a ≤ b ≤ size
   * (entries with a > b are unused).
   */
  within: Float64Array;
}

/**
 * Builds the {@link EnergyTable} of values[from, to) in O((to − from)²).
 * @param scratch reused as the table's storage when it holds at least (to − from + 1)² numbers
 */
export function energyTable(values: ArrayLike<number>, from: number, to: number, scratch?: Float64Array): EnergyTable {
  const size = Math.max(0, to - from);
  const stride = size + 1;
  const cells = stride * stride;
  const within = scratch !== undefined && scratch.length >= cells ? scratch : new Float64Array(cells);
  // Row a from row a + 1: W(a, b) = W(a + 1, b) + Σ_{a < j < b} |x_a − x_j|.
  for (let a = size; a >= 0; a--) {
    const row = a * stride;
    within[row + a] = 0;
    if (a + 1 <= size) within[row + a + 1] = 0;
    if (a + 2 > size) continue;
    const xa = values[from + a]!;
    const next = row + stride;
    let run = 0;
    for (let b = a + 2; b <= size; b++) {
      run += Math.abs(xa - values[from + b - 1]!);
      within[row + b] = within[next + b]! + run;
    }
  }
  return { size, within };
}

/**
 * Q̂(X, Y) for X = x[start, split) and Y = x[split, end) (local indices), the scaled energy divergence of
 * Matteson & James with α = 1:
 * Q̂ = 2/(n+m)·Σ|X−Y| − 2m/((n+m)(n−1))·Σ_{i<k}|Xᵢ−X_k| − 2n/((n+m)(m−1))·Σ_{j<k}|Yⱼ−Y_k|,
 * n = |X|, m = |Y| (a within-sum over one value is empty, so its term is 0).
 * @returns Q̂ in the unit of the series; unchecked bounds: start < split < end ≤ table.size.
 */
export function divergence(table: EnergyTable, start: number, split: number, end: number): number {
  const stride = table.size + 1;
  const w = table.within;
  const left = w[start * stride + split]!;
  const right = w[split * stride + end]!;
  const cross = w[start * stride + end]! - left - right;
  const n = split - start;
  const m = end - split;
  let q = 2 * cross;
  if (n > 1) q -= (2 * m * left) / (n - 1);
  if (m > 1) q -= (2 * n * right) / (m - 1);
  return q / (n + m);
}

/** The best split of one interval: where the right part starts and how far apart the parts are. */
export interface SplitCandidate {
  /** Local index τ of the first value of the right part. */
  index: number;
  /** max over κ of Q̂(x[start, τ), x[τ, κ)), in the unit of the series. */
  q: number;
}

/**
 * The split τ of x[start, end) that maximises Q̂(x[start, τ), x[τ, κ)) over start < τ < κ ≤ end (local
 * indices), as Otava does: the right part may stop short of the interval's end, which finds a step
 * followed by another change. Ties go to the smallest τ, then the smallest κ (NumPy's argmax order).
 * O((end − start)²).
 * @returns the best τ and its Q̂; `null` when the interval has fewer than 2 values.
 */
export function bestSplit(table: EnergyTable, start: number, end: number): SplitCandidate | null {
  if (end - start < 2) return null;
  const stride = table.size + 1;
  const w = table.within;
  let bestIndex = start + 1;
  let bestQ = -Infinity;
  for (let tau = start + 1; tau < end; tau++) {
    const n = tau - start;
    const left = w[start * stride + tau]!;
    const leftTerm = n > 1 ? (2 * left) / (n - 1) : 0; // times m
    const startRow = start * stride;
    const tauRow = tau * stride;
    for (let kappa = tau + 1; kappa <= end; kappa++) {
      const m = kappa - tau;
      const right = w[tauRow + kappa]!;
      const cross = w[startRow + kappa]! - left - right;
      let q = 2 * cross - m * leftTerm;
      if (m > 1) q -= (2 * n * right) / (m - 1);
      q /= n + m;
      if (q > bestQ) {
        bestQ = q;
        bestIndex = tau;
      }
    }
  }
  return { index: bestIndex, q: bestQ };
}

/** Options of {@link eDivisive}. */
export interface EDivisiveOptions {
  /**
   * Significance test of a candidate: whether x[start, split) and x[split, end) differ (indices into the
   * caller's series, i.e. offset by `from`).
   */
  isSignificant: (start: number, split: number, end: number) => boolean;
  /** Storage reused for the energy table (see {@link energyTable}). */
  scratch?: Float64Array;
}

/**
 * E-Divisive means over values[from, to): repeatedly takes, over all current intervals between change
 * points, the candidate split with the largest Q̂ ({@link bestSplit}); if `isSignificant` accepts it (tested
 * on the interval that contains it, split there), it becomes a change point and the search goes on;
 * the first rejected candidate ends the search (as Otava's detector does).
 * Time O(k·w²) for k change points in a window of w values; memory O(w²).
 * @returns the change points, as indices of values (the first index of each new segment), ascending;
 *   empty when values[from, to) has fewer than 2 values.
 */
export function eDivisive(values: ArrayLike<number>, from: number, to: number, options: EDivisiveOptions): number[] {
  const table = energyTable(values, from, to, options.scratch);
  // Intervals between change points, in order, each with its best split (computed once).
  const intervals: { start: number; end: number; candidate: SplitCandidate | null }[] = [
    { start: 0, end: table.size, candidate: bestSplit(table, 0, table.size) },
  ];
  const points: number[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < intervals.length; i++) {
      const c = intervals[i]!.candidate;
      if (c !== null && (best < 0 || c.q > intervals[best]!.candidate!.q)) best = i;
    }
    if (best < 0) break;
    const { start, end, candidate } = intervals[best]!;
    const split = candidate!.index;
    if (!options.isSignificant(from + start, from + split, from + end)) break;
    intervals.splice(
      best,
      1,
      { start, end: split, candidate: bestSplit(table, start, split) },
      { start: split, end, candidate: bestSplit(table, split, end) },
    );
    points.push(from + split);
  }
  return points.sort((a, b) => a - b);
}
