import { COMMENT_MARKER } from '../../report/pr-comment.js';
import type { AppState } from './app-state.js';
import type { GitHub, PullRef } from './github.js';

/**
 * Writes perfbot's one comment on a pull request: updates the stored comment; when someone
 * deleted it or the id was never stored (a crash between posting and storing), finds it by
 * its hidden marker; creates it only when there is none, so it is never duplicated.
 * @param body markdown that starts with the comment marker
 * @returns the comment's id
 */
export async function writeStickyComment(github: GitHub, state: AppState, pr: PullRef, body: string): Promise<number> {
  const repository = `${pr.owner}/${pr.repo}`;
  const text = body.includes(COMMENT_MARKER) ? body : `${COMMENT_MARKER}\n${body}`;
  const known = state.commentId(repository, pr.number);
  if (known !== null && (await github.updateComment({ owner: pr.owner, repo: pr.repo, commentId: known, body: text }))) return known;
  const found = await github.findComment(pr, COMMENT_MARKER);
  if (found !== null && found !== known && (await github.updateComment({ owner: pr.owner, repo: pr.repo, commentId: found, body: text }))) {
    state.saveCommentId(repository, pr.number, found);
    return found;
  }
  const id = await github.createComment(pr, text);
  state.saveCommentId(repository, pr.number, id);
  return id;
}
