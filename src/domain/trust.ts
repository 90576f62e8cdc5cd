/**
 * Who may make perfbot run code (design §6, §9): a pull request's benchmark code runs on the
 * runner, so only code that lives in the repository itself runs on its own (pushing a branch
 * there takes write access); anything else waits for a maintainer's `/perfbot run`. Write
 * access is always GitHub's collaborator permission, never a comment's or PR's
 * `author_association` (`MEMBER` and `COLLABORATOR` do not mean write). Pure.
 */

/** Permissions (GitHub's collaborator permission API) that allow commands. */
const WRITE_PERMISSIONS = new Set(['admin', 'maintain', 'write']);

/** @returns whether a collaborator permission (`admin`, `write`, ...) allows commands */
export function permissionCanWrite(permission: string): boolean {
  return WRITE_PERMISSIONS.has(permission);
}

/** A pull request as the trust decision sees it. */
export interface PullRequestOrigin {
  /** `owner/name` of the base repository. */
  baseRepository: string;
  /** `owner/name` of the head branch's repository; `null` when the fork was deleted. */
  headRepository: string | null;
  /** `User` or `Bot`. */
  authorType: string;
}

/**
 * @returns whether a pull request's code may run without a maintainer's command, and if
 *   not, the reason in words the comment can show
 */
export function autoRunDecision(pr: PullRequestOrigin): { run: true } | { run: false; why: string } {
  if (pr.headRepository !== pr.baseRepository) return { run: false, why: 'it comes from a fork' };
  if (pr.authorType === 'Bot') return { run: false, why: 'it was opened by a bot' };
  return { run: true };
}
