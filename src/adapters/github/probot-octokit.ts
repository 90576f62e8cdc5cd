import { ProbotOctokit } from 'probot';

/** The options object Octokit's constructor takes, as far as this file reads and writes it. */
interface OctokitOptionsLike {
  throttle?: Record<string, unknown>;
  retry?: Record<string, unknown>;
  [option: string]: unknown;
}

/** What @octokit/plugin-throttling passes its limit handlers (see its `LimitHandler`). */
type LimitHandler = (retryAfter: number, request: { method: string; url: string }, octokit: { log: { warn(message: string): unknown } }, retryCount: number) => boolean;

/** How often a request is retried after a (secondary) rate limit before it fails. */
export const RATE_LIMIT_RETRIES = 2;

/** How often plugin-retry repeats a request that failed with a 5xx or a network error. */
export const SERVER_ERROR_RETRIES = 3;

/**
 * Statuses plugin-retry never repeats: its defaults plus 429, which plugin-throttling owns (it waits
 * for `retry-after` / `x-ratelimit-reset`; a second, blind retry layer would only add load).
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/**
 * Probot's Octokit with perfbot's retry policy, for `new Probot({ Octokit: perfbotOctokit() })`.
 *
 * - 5xx and network errors: up to 3 retries (plugin-retry), after 1, 4 and 9 × `retryBaseMs`.
 * - Primary rate limit (403/429 with `x-ratelimit-remaining: 0`) and secondary rate limit
 *   (message "secondary rate"): up to 2 retries (plugin-throttling), each after the wait GitHub
 *   names — `x-ratelimit-reset` − now + 1 s, or `retry-after` (60 s when absent) — in seconds ×
 *   `retryBaseMs`. Each retry logs one warning with the method and route template (never a token).
 *
 * These handlers replace Probot's own (which give up on a secondary limit); other throttle options
 * given to the constructor (`id`, `enabled`, a Redis `connection`) are kept.
 *
 * @param options.retryBaseMs milliseconds per unit of retry delay (GitHub's delays are in seconds);
 *   default 1000. Tests pass a few ms so retries take milliseconds.
 * @param options.throttle `false` turns plugin-throttling off altogether (its one-second spacing
 *   of writes included); only for tests of other behaviour.
 */
export function perfbotOctokit(options: { retryBaseMs?: number; throttle?: boolean } = {}): typeof ProbotOctokit {
  const base = options.retryBaseMs ?? 1000;
  const limitHandler =
    (kind: string): LimitHandler =>
    (retryAfter, request, octokit, retryCount) => {
      if (retryCount >= RATE_LIMIT_RETRIES) {
        octokit.log.warn(`GitHub ${kind} on ${request.method} ${request.url}; giving up after ${retryCount} retries`);
        return false;
      }
      octokit.log.warn(`GitHub ${kind} on ${request.method} ${request.url}; retry ${retryCount + 1} of ${RATE_LIMIT_RETRIES} in ${retryAfter} s`);
      return true;
    };
  const onRateLimit = limitHandler('rate limit');
  const onSecondaryRateLimit = limitHandler('secondary rate limit');
  return ProbotOctokit.defaults((instance: OctokitOptionsLike = {}): OctokitOptionsLike => ({
    ...instance,
    retry: { enabled: true, retries: SERVER_ERROR_RETRIES, retryAfterBaseValue: base, doNotRetry: DO_NOT_RETRY, ...instance.retry },
    throttle: { enabled: true, retryAfterBaseValue: base, ...instance.throttle, onRateLimit, onSecondaryRateLimit, ...(options.throttle === false ? { enabled: false } : {}) },
  }));
}
