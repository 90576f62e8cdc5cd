/** The PR comment's footer: what was measured where, how, and how to read the numbers. Pure. */
import type { CompareReport, RevisionInfo } from '../domain/compare-report.js';
import { formatConfidence, formatDuration } from './change-format.js';
import { codeSpan, escapeText, plural, truncateText } from './markdown.js';

/** Characters of a sha the comment shows. */
export const SHORT_SHA = 10;
/** Warnings shown at most, and characters per warning. */
const MAX_WARNINGS = 10;
const MAX_WARNING_CHARS = 300;

function revision(label: string, r: RevisionInfo): string {
  const ref = r.ref !== null && r.ref !== r.sha ? ` (${codeSpan(r.ref)})` : '';
  return `**${label}** ${codeSpan(r.sha.slice(0, SHORT_SHA))}${ref}`;
}

function warningLines(report: CompareReport): string[] {
  const { mergeBase } = report;
  // The fallback warning has its own box; any other merge-base warning is listed with the rest.
  const candidates = [mergeBase.fallback ? null : mergeBase.warning, ...report.warnings];
  const warnings: string[] = [];
  for (const w of candidates) {
    if (w === null || w.trim() === '' || (mergeBase.fallback && w === mergeBase.warning) || warnings.includes(w)) continue;
    warnings.push(w);
  }
  const lines = warnings.slice(0, MAX_WARNINGS).map((w) => `- ⚠️ ${escapeText(truncateText(w, MAX_WARNING_CHARS))}`);
  if (warnings.length > MAX_WARNINGS) lines.push(`- … and ${plural(warnings.length - MAX_WARNINGS, 'more warning')}`);
  return lines;
}

function fallbackWarning(report: CompareReport): string | null {
  if (!report.mergeBase.fallback) return null;
  const why = report.mergeBase.warning === null ? '' : ` ${escapeText(truncateText(report.mergeBase.warning, MAX_WARNING_CHARS))}`;
  return (
    `> [!WARNING]\n> ⚠️ **Not measured against the merge-base.** No merge-base of base and head was found, so ` +
    `${codeSpan(report.mergeBase.sha.slice(0, SHORT_SHA))} was measured as the baseline: changes made there ` +
    `after this branch forked count as changes of this pull request.${why}`
  );
}

/**
 * The footer: base, head and the merge-base measured (with a visible warning when it fell back),
 * the fingerprint, pairs, trials, α, duration, the report's warnings, and how to read a change.
 */
export function renderFooter(report: CompareReport): string {
  const { fingerprint: f, pairs, trials, mergeBase } = report;
  const confidence = formatConfidence(report.alpha);
  const measured = mergeBase.fallback
    ? `⚠️ baseline ${codeSpan(mergeBase.sha.slice(0, SHORT_SHA))} (fallback: not the merge-base)`
    : `measured at merge-base ${codeSpan(mergeBase.sha.slice(0, SHORT_SHA))}`;
  const lines = [
    `- ${revision('Base', report.base)} → ${revision('head', report.head)} · ${measured}`,
    `- **Runner** ${escapeText(f.cpu)} ×${f.cores} · Node ${escapeText(f.node)} · pinning ${escapeText(f.pinning)} · ` +
      `runner ${escapeText(f.runner)} · harness ${escapeText(f.harness)}`,
    `- **Pairs** ${pairs.initial} → ${pairs.used} per benchmark (cap ${pairs.max}) · **trials** ${trials.run} run, ` +
      `${trials.reused} reused · α = ${Number(report.alpha.toPrecision(2))} (Holm-corrected) · took ${formatDuration(report.durationMs)}`,
    ...warningLines(report),
  ];
  const howToRead =
    `<sub>Change = head ÷ base − 1, estimated from paired base/head trials, with its ${confidence} confidence ` +
    `interval in parentheses; throughput down or latency up means slower. Regression or improvement: significant ` +
    `after Holm correction and larger than the smallest change worth reporting; unchanged: the whole interval within ` +
    `that threshold; inconclusive: neither could be shown.</sub>`;
  const fallback = fallbackWarning(report);
  return ['---', ...(fallback ? [fallback] : []), lines.join('\n'), howToRead].join('\n\n');
}
