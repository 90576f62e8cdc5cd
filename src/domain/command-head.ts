/**
 * Which head a command measures (design §9): the head the commenter saw when they wrote the
 * comment, so a push after a maintainer's review never runs with the maintainer's authority.
 * Pure.
 */

/** A head a pull request had, from `since` on (GitHub's time, ms since the epoch). */
export interface RecordedHead {
  sha: string;
  since: number;
}

/** The head a command acts on, or why there is none it may act on. */
export type CommandHead = { ok: true; sha: string } | { ok: false; why: string };

/**
 * @param heads the pull request's heads as the App recorded them from its events (any order)
 * @param commentAt when the comment was written (GitHub's time, ms)
 * @param currentHead the head GitHub reports now
 * @param named a sha the commenter named (`/perfbot run <sha>`), full or abbreviated; `null` when none
 * @param commits the pull request's commits (full shas), to check a named sha against
 */
export function commandHead(o: { heads: readonly RecordedHead[]; commentAt: number; currentHead: string; named: string | null; commits: readonly string[] }): CommandHead {
  if (o.named !== null) {
    const matches = o.commits.filter((sha) => sha.startsWith(o.named!));
    if (matches.length === 1) return { ok: true, sha: matches[0]! };
    return { ok: false, why: matches.length === 0 ? `\`${o.named}\` is not a commit of this pull request` : `\`${o.named}\` names more than one commit of this pull request; give more digits` };
  }
  const before = o.heads.filter((h) => h.since <= o.commentAt).sort((a, b) => a.since - b.since);
  const seen = before.at(-1);
  if (seen) return { ok: true, sha: seen.sha };
  // Nothing recorded before the comment: the head now is the one the commenter saw, unless
  // the App saw the head change after the comment was written.
  if (o.heads.some((h) => h.since > o.commentAt)) {
    return { ok: false, why: 'the head of this pull request changed after your comment, so perfbot cannot tell which one you reviewed' };
  }
  return { ok: true, sha: o.currentHead };
}
