/**
 * Where the App reaches GitHub: the REST API and git, both from one host (github.com, or a
 * GitHub Enterprise Server named by Probot's own `GHE_HOST` / `GHE_PROTOCOL`). Clone URLs are
 * built from a repository's `owner/name` and this host, never taken from a payload. Pure.
 */

/** The GitHub host the App talks to. */
export interface GitHubHost {
  /** The REST API, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  apiBaseUrl: string;
  /** Where repositories are cloned from, e.g. `https://github.com`; no trailing slash. */
  gitBaseUrl: string;
}

/** `owner/name` as GitHub allows it: letters, digits, `-`, `_`, `.`; never `.` or `..`. */
const FULL_NAME = /^(?!\.{1,2}\/)[A-Za-z0-9_.-]+\/(?!\.{1,2}$)[A-Za-z0-9_.-]+$/;

/** @returns whether `owner/name` is a repository name GitHub could have given */
export function isRepositoryName(fullName: string): boolean {
  return FULL_NAME.test(fullName);
}

/**
 * The host from Probot's settings: `GHE_HOST` (`host[:port]`) with `GHE_PROTOCOL` (`https`
 * unless set) for GitHub Enterprise Server, else github.com.
 * @throws RangeError naming the variable when `GHE_HOST` or `GHE_PROTOCOL` is malformed
 */
export function githubHost(env: Record<string, string | undefined>): GitHubHost {
  const host = env.GHE_HOST?.trim();
  if (!host) return { apiBaseUrl: 'https://api.github.com', gitBaseUrl: 'https://github.com' };
  const protocol = (env.GHE_PROTOCOL?.trim() || 'https').toLowerCase();
  if (protocol !== 'https' && protocol !== 'http') throw new RangeError(`GHE_PROTOCOL must be https or http, not '${env.GHE_PROTOCOL}'`);
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) && !/^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host)) {
    throw new RangeError(`GHE_HOST must be a host name with an optional port (e.g. ghe.example.com:8443), not '${host}'`);
  }
  return { apiBaseUrl: `${protocol}://${host}/api/v3`, gitBaseUrl: `${protocol}://${host}` };
}

/**
 * The https clone URL of a repository on the host.
 * @throws RangeError when `fullName` is not a repository name
 */
export function cloneUrlOf(gitBaseUrl: string, fullName: string): string {
  if (!isRepositoryName(fullName)) throw new RangeError(`not a repository name: '${fullName}'`);
  return `${gitBaseUrl.replace(/\/+$/, '')}/${fullName}.git`;
}
