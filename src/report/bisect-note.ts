import { markdownTable } from 'markdown-table';
import type { BisectReport, Culprit } from '../domain/bisect/types.js';
import { escapeText } from './markdown.js';

const pct = (x: number) => `${x >= 0 ? '+' : '−'}${(Math.abs(x) * 100).toFixed(1)}%`;
const interval = (ci: [number, number] | null) => (ci ? `(${pct(ci[0])} … ${pct(ci[1])})` : '(interval n/a)');

/** `bisect --json` (design §2.3). */
export function toBisectJson(r: BisectReport): object {
  const culprit = (c: Culprit) => ({ sha: c.sha, subject: r.info.get(c.sha)?.subject ?? null, change: c.change, ci: c.ci });
  return {
    status: r.result.status,
    culprit: r.result.culprits[0] ? culprit(r.result.culprits[0]) : null,
    culprits: r.result.culprits.map(culprit),
    candidates: r.result.candidates,
    steps: r.result.steps.map((s) => ({ sha: s.sha, verdict: s.verdict, trials: s.trials })),
    trials: r.result.trials,
    reused: r.result.reused,
    commits: r.commits,
    benchmark: r.benchmark,
    metric: r.metric,
    reason: r.result.reason,
    merged: r.merged
      ? { merge: r.merged.merge, status: r.merged.result.status, culprit: r.merged.result.culprits[0] ? culprit(r.merged.result.culprits[0]) : null, candidates: r.merged.result.candidates }
      : null,
  };
}

/**
 * The culprit note: who, what changed and by how much, the steps taken and their cost. Commit
 * subjects and authors, the benchmark, the metric, reasons and step notes are repository text,
 * escaped (`escapeText`); shas are code spans.
 */
export function renderBisectNote(r: BisectReport): string {
  const out: string[] = [];
  const res = r.result;
  const what = `${escapeText(r.benchmark)} ${escapeText(r.metric)}`;
  const who = (sha: string) => {
    const i = r.info.get(sha);
    return i ? `\`${sha.slice(0, 10)}\` ${escapeText(i.subject)} (${escapeText(i.author)})` : `\`${sha.slice(0, 10)}\``;
  };
  if (res.status === 'found') {
    const [first, ...more] = res.culprits;
    out.push(`🔎 **Culprit: ${who(first!.sha)}** — ${what} ${pct(first!.change)} ${interval(first!.ci)}`);
    for (const c of more) out.push(`- also ${who(c.sha)}: ${pct(c.change)} ${interval(c.ci)}`);
  } else if (res.status === 'ambiguous') {
    out.push(`🔎 **Narrowed to ${res.candidates.length} commits** for ${what}: ${escapeText(res.reason)}`);
    for (const sha of res.candidates) out.push(`- ${who(sha)}`);
    for (const c of res.culprits) out.push(`- step at ${who(c.sha)}: ${pct(c.change)} ${interval(c.ci)}`);
  } else {
    out.push(`🔎 **Not reproduced** for ${what}: ${escapeText(res.reason)}`);
  }
  if (r.merged) {
    const m = r.merged.result;
    if (m.status === 'found') out.push(`- the merge brought it in with ${who(m.culprits[0]!.sha)}: ${pct(m.culprits[0]!.change)} ${interval(m.culprits[0]!.ci)}`);
    else out.push(`- the merged branch: ${m.status} (${escapeText(m.reason)})`);
  }
  out.push('');
  if (res.steps.length > 0) {
    out.push(
      markdownTable([['step', 'revision', 'verdict', 'new trials', 'note'], ...res.steps.map((s, i) => [String(i + 1), `\`${s.sha.slice(0, 10)}\``, s.verdict, String(s.trials), escapeText(s.note ?? '')])]),
      '',
    );
  }
  out.push(`${r.commits} commits from \`${r.good.slice(0, 10)}\` (good) to \`${r.bad.slice(0, 10)}\` (bad) · ${res.rounds} rounds · ${res.trials} trials${res.reused ? ` (+${res.reused} reused)` : ''}`);
  return out.join('\n') + '\n';
}
