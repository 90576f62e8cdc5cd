import { checkVerdict } from '../../domain/check-conclusion.js';
import { codeSpan, escapeText } from '../../report/markdown.js';
import type { Ack, AppState } from './app-state.js';
import { ACK_ACTION } from './compare-job.js';
import type { GitHub } from './github.js';
import type { RepoTarget } from './job-payloads.js';

/**
 * Records an acknowledgement of a head's regression (a benchmark, or `*` for all) and decides
 * the head's check again: once every regression is acknowledged it turns green and names who
 * acknowledged it.
 * @returns one line for the reply
 */
export async function acknowledge(github: GitHub, state: AppState, t: RepoTarget, pr: number, headSha: string, ack: Ack): Promise<string> {
  state.addAck(t.repository, pr, headSha, ack);
  const stored = state.checkRun(t.repository, headSha);
  const what = ack.benchmark === '*' ? 'the regressions' : codeSpan(ack.benchmark);
  if (!stored?.facts) return `Noted: @${ack.login} acknowledged ${what} for \`${headSha.slice(0, 10)}\`; it counts once this head is measured.`;
  if (ack.benchmark !== '*' && !stored.facts.regressed.includes(ack.benchmark)) {
    return `Noted, but ${codeSpan(ack.benchmark)} did not regress at \`${headSha.slice(0, 10)}\` (regressed: ${stored.facts.regressed.map((b) => codeSpan(b)).join(', ') || 'none'}).`;
  }
  const verdict = checkVerdict(stored.facts, state.acks(t.repository, pr, headSha));
  await github.updateCheckRun({
    owner: t.owner,
    repo: t.repo,
    checkRunId: stored.checkRunId,
    status: 'completed',
    conclusion: verdict.conclusion,
    output: { title: verdict.title, summary: stored.summary ?? verdict.title },
    actions: verdict.conclusion === 'failure' ? [ACK_ACTION] : [],
  });
  state.saveCheckRun(t.repository, headSha, { ...stored, conclusion: verdict.conclusion });
  return verdict.unacknowledged.length === 0
    ? `@${ack.login} acknowledged ${what}${ack.reason ? ` (${escapeText(ack.reason)})` : ''}; the perfbot check is now ${verdict.conclusion}.`
    : `@${ack.login} acknowledged ${what}; still unacknowledged: ${verdict.unacknowledged.map((b) => codeSpan(b)).join(', ')}.`;
}
