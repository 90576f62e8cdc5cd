/** The weekly report's opening paragraph: the week in words. Pure. */
import type { TrendChange, TrendReport } from '../domain/trends/types.js';
import { formatChange, metricLabel } from './change-format.js';
import { escapeText, plural } from './markdown.js';
import { shortSha } from './trend-changes.js';

/** Failed benchmarks named in the summary; the rest are counted. */
const FAILED_NAMED = 5;

function phrase(c: TrendChange): string {
  return `**${escapeText(c.benchmark)} ${escapeText(metricLabel(c.metric))} ${formatChange(c.change, c.ci)}**`;
}

function where(c: TrendChange): string {
  if (!c.culprit) return ` (first seen at ${shortSha(c.at.sha)})`;
  return ` in ${shortSha(c.culprit.sha)}${c.culprit.pr === null ? '' : ` (#${c.culprit.pr})`}`;
}

function and(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

function changesSentence(regressions: readonly TrendChange[], improvements: readonly TrendChange[]): string {
  const [worst] = regressions;
  if (worst) {
    const also = improvements.length > 0 ? ` and ${plural(improvements.length, 'improvement')}` : '';
    const unacknowledged = regressions.filter((c) => c.acknowledgedBy === null).length;
    const ack =
      unacknowledged === 0
        ? regressions.length === 1
          ? ' It is acknowledged.'
          : ' All of them are acknowledged.'
        : regressions.length === 1
          ? ' It is not acknowledged yet.'
          : unacknowledged === regressions.length
            ? ' None of them is acknowledged yet.'
            : ` ${unacknowledged} of them ${unacknowledged === 1 ? 'is' : 'are'} not acknowledged yet.`;
    const worstWord = regressions.length === 1 ? 'It is' : 'The worst is';
    return `This week change-point detection found ${plural(regressions.length, 'regression')}${also}. ${worstWord} ${phrase(worst)}${where(worst)}.${ack}`;
  }
  const [best] = improvements;
  if (best) {
    const bestWord = improvements.length === 1 ? 'It is' : 'The largest is';
    return `This week change-point detection found no regression and ${plural(improvements.length, 'improvement')}. ${bestWord} ${phrase(best)}${where(best)}.`;
  }
  return 'Nothing changed this week: change-point detection found no regression and no improvement.';
}

function failedSentence(failed: TrendReport['failed']): string | null {
  if (failed.length === 0) return null;
  const names = [...new Set(failed.map((f) => f.benchmark))];
  const named = names.slice(0, FAILED_NAMED).map(escapeText);
  if (names.length > FAILED_NAMED) named.push(`${names.length - FAILED_NAMED} more`);
  return `${plural(names.length, 'benchmark')} failed at ${names.length === 1 ? 'its' : 'their'} latest recorded revision: ${and(named)}.`;
}

/**
 * The summary paragraph: revisions recorded over the last four weeks, the regressions and
 * improvements found this week with the worst one (change and interval) and how many are not
 * acknowledged, and the failed benchmarks; says plainly when nothing changed. Counts the same
 * changes as the tables, and names the first row of the first table.
 */
export function renderTrendSummary(report: TrendReport): string {
  const repo = escapeText(report.repository);
  const sentences: string[] = [];
  if (report.revisions === 0) {
    sentences.push(`No revision of ${repo} was recorded in the last four weeks.`);
    if (report.changes.length === 0) sentences.push('Nothing changed this week, as far as perfbot can tell.');
  } else {
    sentences.push(`perfbot recorded ${plural(report.revisions, 'revision')} of the default branch of ${repo} over the last four weeks.`);
  }
  if (report.revisions > 0 || report.changes.length > 0) {
    const regressions = report.changes.filter((c) => c.kind === 'regression');
    const improvements = report.changes.filter((c) => c.kind === 'improvement');
    sentences.push(changesSentence(regressions, improvements));
  }
  const failed = failedSentence(report.failed);
  if (failed) sentences.push(failed);
  return sentences.join(' ');
}
