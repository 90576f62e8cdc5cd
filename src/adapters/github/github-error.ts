/**
 * A GitHub API call that failed for good (after the client's retries). The message is one line,
 * e.g. `GitHub PATCH /repos/o/r/check-runs/5 answered 422: Validation Failed`, and never carries a
 * token; the client's error is the `cause`.
 */
export class GitHubError extends Error {
  override readonly name = 'GitHubError';

  constructor(
    message: string,
    /** The HTTP status GitHub answered, or `null` when no answer came (network, auth setup). */
    readonly status: number | null,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** The parts of an Octokit `RequestError` this file reads (duck-typed: no direct @octokit import). */
interface RequestErrorLike {
  status: number;
  message: string;
  request?: { method?: unknown; url?: unknown };
  response?: { data?: unknown };
}

/** `true` for errors with an HTTP status, such as Octokit's `RequestError`. */
export function isHttpError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

/** The HTTP status of an Octokit error, or `null` for errors without one. */
export function statusOf(error: unknown): number | null {
  return isHttpError(error) ? error.status : null;
}

/**
 * Wraps a final failure of `call` (e.g. `PATCH /repos/o/r/check-runs/5`, used when the error does
 * not name its own request) in a `GitHubError`.
 */
export function toGitHubError(error: unknown, call: string): GitHubError {
  if (error instanceof GitHubError) return error;
  if (!isHttpError(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new GitHubError(`GitHub ${requestOf(undefined, call)} failed: ${clean(reason)}`, null, { cause: error });
  }
  return new GitHubError(`GitHub ${requestOf(error.request, call)} answered ${error.status}: ${clean(reasonOf(error))}`, error.status, { cause: error });
}

/** `METHOD /path` of the failed request (query string dropped: it may hold secrets). */
function requestOf(request: RequestErrorLike['request'], call: string): string {
  if (typeof request?.method !== 'string' || typeof request.url !== 'string') return call;
  try {
    return `${request.method} ${new URL(request.url, 'https://api.github.com').pathname}`;
  } catch {
    return call;
  }
}

/** GitHub's own `message` when the body has one, else the client's message (minus the docs link). */
function reasonOf(error: RequestErrorLike): string {
  const data = error.response?.data;
  if (typeof data === 'object' && data !== null) {
    const { message, errors } = data as { message?: unknown; errors?: unknown };
    if (typeof message === 'string') return Array.isArray(errors) && errors.length > 0 ? `${message} (${JSON.stringify(errors)})` : message;
  }
  return error.message;
}

const TOKEN_LIKE = /\b(?:gh[pousr]_[A-Za-z0-9_]+|v1\.[0-9a-f]{20,}|eyJ[\w-]+\.[\w-]+\.[\w-]+)/g;
const MAX_REASON = 500;

/** One line, at most 500 characters, with anything that looks like a GitHub token or JWT redacted. */
function clean(reason: string): string {
  const line = reason.replace(/\s+/g, ' ').trim().replace(TOKEN_LIKE, '[REDACTED]');
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line || 'no message';
}
