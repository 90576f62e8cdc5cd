/**
 * Who may make perfbot run code (design §6): a pull request's benchmark code runs on the
 * runner, so only code from the repository itself by people with write access runs on its
 * own; anything else waits for a maintainer's `/perfbot run`. Pure.
 */

/** Author associations that imply write access to the repository. */
const WRITERS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
/** Permissions (GitHub's collaborator permission API) that allow commands. */
const WRITE_PERMISSIONS = new Set(['admin', 'maintain', 'write']);

/** @returns whether an author association alone shows write access (`false`: ask the permission API) */
export function associationCanWrite(association: string): boolean {
  return WRITERS.has(association);
}

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
  authorAssociation: string;
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
  if (!associationCanWrite(pr.authorAssociation)) return { run: false, why: 'its author does not have write access' };
  return { run: true };
}
