import { z } from 'zod';
import { isRepositoryName } from '../domain/github-host.js';

/**
 * The parts of webhook payloads perfbot reads, checked before use: a delivery of the wrong
 * shape is logged in one line naming the missing field, and nothing is enqueued.
 */

// `clone_url` is not read: the App clones from its own GitHub host (a forged URL must not matter).
const repository = z.object({
  full_name: z.string().refine(isRepositoryName, 'not a repository name (owner/name)'),
  name: z.string(),
  owner: z.object({ login: z.string() }),
  default_branch: z.string().min(1),
});
const installation = z.object({ id: z.number().int().positive() });
const user = z.object({ login: z.string(), type: z.string() });

export const pullRequestEvent = z.object({
  action: z.string(),
  number: z.number().int().positive(),
  repository,
  installation,
  sender: user,
  pull_request: z.object({
    user,
    updated_at: z.string().optional(),
    base: z.object({ ref: z.string(), sha: z.string().regex(/^[0-9a-f]{40}$/) }),
    head: z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/), repo: z.object({ full_name: z.string() }).nullable() }),
  }),
});

export const issueCommentEvent = z.object({
  action: z.string(),
  repository,
  installation,
  issue: z.object({ number: z.number().int().positive(), pull_request: z.object({ url: z.string() }).optional() }),
  comment: z.object({ body: z.string(), user, created_at: z.string() }),
});

const checkRunPull = z.object({ number: z.number().int().positive(), base: z.object({ ref: z.string(), sha: z.string() }), head: z.object({ sha: z.string() }) });

export const checkRunEvent = z.object({
  action: z.string(),
  repository,
  installation,
  sender: user,
  check_run: z.object({ name: z.string(), head_sha: z.string().regex(/^[0-9a-f]{40}$/), pull_requests: z.array(checkRunPull) }),
  requested_action: z.object({ identifier: z.string() }).optional(),
});

export const pushEvent = z.object({
  ref: z.string(),
  after: z.string(),
  deleted: z.boolean().optional(),
  repository: repository.extend({ owner: z.object({ login: z.string().optional(), name: z.string().optional() }) }),
  installation,
});

const installedRepository = z.object({ full_name: z.string() });

export const installationEvent = z.object({
  action: z.string(),
  installation,
  repositories: z.array(installedRepository).optional(),
});

export const installationRepositoriesEvent = z.object({
  action: z.string(),
  installation,
  repositories_added: z.array(installedRepository),
  repositories_removed: z.array(installedRepository),
});

/**
 * @returns the payload as the schema reads it, or a one-line reason naming the first field
 *   that is missing or wrong
 */
export function readPayload<T>(schema: z.ZodType<T>, payload: unknown): { ok: true; value: T } | { ok: false; reason: string } {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, reason: `${issue.path.join('.') || '(root)'}: ${issue.message}` };
}
