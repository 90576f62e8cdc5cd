/** Mermaid `xychart-beta` line charts for reports (GitHub renders them in issues and comments). Pure. */
import { breakReferences, oneLine } from './markdown.js';

/** One line chart: a label per point on the x-axis, a value per point on the y-axis. */
export interface LineChart {
  title: string;
  /** Unit of `values` (a metric unit such as `msg/s`, `ms`, `µs/msg`, `bytes`, or any other word). */
  unit: string;
  /** x-axis labels, one per value. */
  labels: readonly string[];
  /** Values in `unit`, one per label; must be finite. */
  values: readonly number[];
}

/** A unit to show values in, and the factor that takes a value there from its own unit. */
export interface ChartScale {
  unit: string;
  factor: number;
}

const PREFIXES: readonly [number, string][] = [
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * The display unit that keeps the largest magnitude `maxAbs` (in `unit`) between 1 and 1000
 * where the unit allows: msg/s → k/M/G msg/s, ms → ns/µs/ms/s, µs/msg → ns/µs/ms per msg,
 * bytes → B/KB/MB/GB (1024), any other unit → k/M/G prefixed.
 */
export function chartScale(unit: string, maxAbs: number): ChartScale {
  switch (unit) {
    case 'ms':
      if (maxAbs >= 1000) return { unit: 's', factor: 1e-3 };
      if (maxAbs >= 1 || maxAbs === 0) return { unit: 'ms', factor: 1 };
      if (maxAbs >= 1e-3) return { unit: 'µs', factor: 1e3 };
      return { unit: 'ns', factor: 1e6 };
    case 'µs/msg':
      if (maxAbs >= 1000) return { unit: 'ms/msg', factor: 1e-3 };
      if (maxAbs >= 1 || maxAbs === 0) return { unit: 'µs/msg', factor: 1 };
      return { unit: 'ns/msg', factor: 1e3 };
    case 'bytes':
      if (maxAbs >= 1024 ** 3) return { unit: 'GB', factor: 1024 ** -3 };
      if (maxAbs >= 1024 ** 2) return { unit: 'MB', factor: 1024 ** -2 };
      if (maxAbs >= 1024) return { unit: 'KB', factor: 1024 ** -1 };
      return { unit: 'B', factor: 1 };
    default: {
      const prefix = PREFIXES.find(([limit]) => maxAbs >= limit);
      return prefix ? { unit: `${prefix[1]} ${unit}`, factor: 1 / prefix[0] } : { unit, factor: 1 };
    }
  }
}

/** Decimals that give the largest magnitude four significant digits (0 to 6). */
function decimalsFor(maxAbs: number): number {
  if (maxAbs === 0 || !Number.isFinite(maxAbs)) return 0;
  return Math.min(6, Math.max(0, 3 - Math.floor(Math.log10(maxAbs))));
}

/** A number with `decimals` decimals and no trailing zeros, never in exponent notation: `1.230` → `1.23`. */
function short(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * Text for a quoted mermaid string, its own rule since markdown escapes mean nothing inside a
 * ```` ```mermaid ```` block: one line without control characters (a line break would end the
 * statement); `"` and `` ` `` become `'` (a quote would end the string, backticks the fence);
 * `[` `]` become `(` `)` (the x-axis list); `%%` (a comment or `%%{init}%%` directive) becomes
 * `%`; `<` `>` become `‹` `›` (no `<br>` or other HTML in labels); a `#` before `name;` gets a
 * zero-width space (mermaid's `#quot;` entities); mentions and references are broken as in
 * every GitHub text (`breakReferences`).
 */
export function mermaidText(text: string): string {
  const plain = oneLine(text)
    .replace(/["`]/g, "'")
    .replace(/\[/g, '(')
    .replace(/\]/g, ')')
    .replace(/%{2,}/g, '%')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/#(?=\w+;)/g, '#\u200b');
  return breakReferences(plain);
}

/**
 * A fenced ```` ```mermaid ```` block holding one `xychart-beta` line chart. Values are shown
 * in a scaled unit (`k msg/s`, `µs`, …) with four significant digits; the y-axis runs a tenth
 * of the range below the lowest and above the highest value (never below 0 for a series of
 * non-negative values). Labels and the title are quoted, made safe by `mermaidText`.
 * @returns `null` when there are no values, or labels and values differ in number, or a value is not finite.
 */
export function renderLineChart(chart: LineChart): string | null {
  const { values, labels } = chart;
  if (values.length === 0 || values.length !== labels.length || !values.every((v) => Number.isFinite(v))) return null;
  const maxAbs = Math.max(...values.map((v) => Math.abs(v)));
  const scale = chartScale(chart.unit, maxAbs);
  const scaled = values.map((v) => v * scale.factor);
  const decimals = decimalsFor(maxAbs * scale.factor);
  const min = Math.min(...scaled);
  const max = Math.max(...scaled);
  const pad = max > min ? (max - min) / 10 : Math.abs(max) / 20 || 1;
  const step = 10 ** -decimals;
  let lo = Math.floor((min - pad) / step) * step;
  if (min >= 0 && lo < 0) lo = 0;
  const hi = Math.ceil((max + pad) / step) * step;
  const quote = (text: string) => `"${mermaidText(text)}"`;
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quote(`${chart.title} (${scale.unit})`)}`,
    `  x-axis [${labels.map(quote).join(', ')}]`,
    `  y-axis ${quote(scale.unit)} ${short(lo, decimals)} --> ${short(hi, decimals)}`,
    `  line [${scaled.map((v) => short(v, decimals)).join(', ')}]`,
    '```',
  ].join('\n');
}
