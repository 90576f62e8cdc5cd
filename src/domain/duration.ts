const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * Parses a duration such as `250ms`, `1.5s`, `2m` or a bare number of milliseconds.
 * @returns milliseconds, or `null` when the text is not a duration.
 */
export function parseDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s|m|min|h)?\s*$/.exec(value);
  if (!match) return null;
  const unit = UNITS[match[2] ?? 'ms'];
  return unit === undefined ? null : Number(match[1]) * unit;
}

/**
 * Parses a percentage such as `2%`, `0.5 %` or a bare fraction `0.02`.
 * @returns the fraction (2% → 0.02), or `null` when the text is not a percentage.
 */
export function parsePercent(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(value);
  if (!match) return null;
  const n = Number(match[1]);
  return match[2] ? n / 100 : n;
}
