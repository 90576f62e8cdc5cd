/** Number formatting shared by every report. Pure. */

/** `1.23 M`, `45.6 k`, `789` — three significant digits. */
export function formatCount(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${sig(value / 1e9)} G`;
  if (abs >= 1e6) return `${sig(value / 1e6)} M`;
  if (abs >= 1e3) return `${sig(value / 1e3)} k`;
  return sig(value);
}

/** Milliseconds as `12.3 ms`, `456 µs`, `78 ns` or `1.2 s`. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${sig(ms / 1000)} s`;
  if (ms >= 1) return `${sig(ms)} ms`;
  if (ms >= 0.001) return `${sig(ms * 1000)} µs`;
  return `${sig(ms * 1e6)} ns`;
}

/** Microseconds as `1.23 µs`, `456 ns` or `7.8 ms`. */
export function formatUs(us: number): string {
  return formatMs(us / 1000);
}

/** Bytes as `12.3 MB` (MiB, as `top` shows them), `456 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${sig(bytes / 1024 ** 3)} GB`;
  if (bytes >= 1024 ** 2) return `${sig(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024) return `${sig(bytes / 1024)} KB`;
  return `${Math.round(bytes)} B`;
}

/** A fraction as a percentage: 0.0612 → `6.1%`. */
export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

function sig(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100 || abs === 0) return Math.round(value).toString();
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
