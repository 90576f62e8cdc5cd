import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { withDefaults, type RepoConfig } from './repo-config.js';
import { repoConfigSchema } from './schema.js';

/** Where the repository config lives, relative to the repository root. */
export const CONFIG_PATH = '.github/perfbot.yml';

/** The config file is not valid; the message names the file, the key path and the reason. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates config text (YAML).
 * @param source a file name for messages
 * @throws ConfigError with `file: key.path: reason`
 */
export function parseRepoConfig(text: string, source: string): RepoConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const where = `line ${lines.linePos(e.pos[0]).line}: `;
    throw new ConfigError(`${source}: ${where}${e.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`${source}: expected a mapping of keys at the top level`);
  const parsed = repoConfigSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const reason = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
    throw new ConfigError(`${source}: ${path.join('.') || '(top level)'}: ${reason}`);
  }
  return withDefaults(parsed.data);
}

/**
 * Reads a config file; a missing file means all defaults.
 * @throws ConfigError when the file exists but is not valid
 */
export async function loadRepoConfig(file: string): Promise<RepoConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return withDefaults();
    throw new ConfigError(`${file}: cannot read: ${(error as Error).message}`);
  }
  return parseRepoConfig(text, file);
}
