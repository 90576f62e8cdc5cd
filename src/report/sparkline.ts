/** Unicode sparklines for report tables. Pure. */

/** The eight block heights, lowest first. */
export const SPARK_BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** The block a constant series is drawn with: the middle height, so it reads as "flat", not "low". */
export const SPARK_FLAT = '▄';

/**
 * A sparkline of `values`, one character per value, oldest first: the smallest finite value
 * becomes `▁`, the largest `█`, and the others the nearest of the eight heights in between
 * (linear scale). A series whose finite values are all equal is drawn as a row of `▄`.
 * A non-finite value (`NaN`, `±Infinity`) leaves a gap (a space); an empty series gives `''`.
 */
export function sparkline(values: readonly number[]): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return values.map(() => ' ').join('');
  let min = Infinity;
  let max = -Infinity;
  for (const v of finite) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  const top = SPARK_BLOCKS.length - 1;
  return values
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      if (range === 0 || !Number.isFinite(range)) return SPARK_FLAT;
      const level = Math.round(((v - min) / range) * top);
      return SPARK_BLOCKS[Math.min(top, Math.max(0, level))]!;
    })
    .join('');
}
