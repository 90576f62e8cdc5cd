import { open, stat } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { withDefaults, type RepoConfig } from './repo-config.js';
import { repoConfigSchema } from './schema.js';

/** Where the repository config lives, relative to the repository root. */
export const CONFIG_PATH = '.github/perfbot.yml';

/** Config text longer than this, in bytes (64 KB), is refused before it is parsed. */
export const MAX_CONFIG_BYTES = 65_536;

/**
 * Alias references one document may expand (yaml's `maxAliasCount`): a real config needs a
 * handful; nested anchors ("billion laughs") need millions.
 */
const MAX_ALIAS_COUNT = 100;

/** The config file is not valid; the message names the file, the key path and the reason. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates config text (YAML). The text is repository-controlled: too large, an alias bomb or
 * anything else yaml throws on is a ConfigError, never another exception.
 * @param source a file name for messages
 * @throws ConfigError with `file: key.path: reason`
 */
export function parseRepoConfig(text: string, source: string): RepoConfig {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CONFIG_BYTES) throw tooLarge(source, bytes);
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const where = `line ${lines.linePos(e.pos[0]).line}: `;
    throw new ConfigError(`${source}: ${where}${firstLine(e.message)}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/excessive alias count/i.test(message)) {
      throw new ConfigError(`${source}: YAML aliases expand past the limit of ${MAX_ALIAS_COUNT} (nested anchors and aliases, an alias bomb); write the values out`, { cause: error });
    }
    throw new ConfigError(`${source}: ${firstLine(message)}`, { cause: error });
  }
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
 * Reads a config file; a missing file means all defaults. Its size is checked before it is
 * read, and no more than {@link MAX_CONFIG_BYTES} + 1 bytes are ever read.
 * @param source the file's name in messages; defaults to `file`
 * @throws ConfigError when the file exists but is not valid, too large or not a regular file
 */
export async function loadRepoConfig(file: string, source: string = file): Promise<RepoConfig> {
  let text: string;
  try {
    // Before opening: opening a FIFO would wait for a writer.
    if (!(await stat(file)).isFile()) throw new ConfigError(`${source}: cannot read: not a regular file`);
    text = await readCapped(file, source);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return withDefaults();
    throw new ConfigError(`${source}: cannot read: ${firstLine((error as Error).message)}`);
  }
  return parseRepoConfig(text, source);
}

/** The file's text, refusing it by its size first and reading at most one byte past the cap. */
async function readCapped(file: string, source: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_CONFIG_BYTES) throw tooLarge(source, size);
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    // The file grew after stat (or reports no size): still refused, without reading it all.
    if (length > MAX_CONFIG_BYTES) throw new ConfigError(`${source}: config is over the limit of ${fmtBytes(MAX_CONFIG_BYTES)}`);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

function tooLarge(name: string, bytes: number): ConfigError {
  return new ConfigError(`${name}: config is ${fmtBytes(bytes)}, over the limit of ${fmtBytes(MAX_CONFIG_BYTES)}`);
}

function fmtBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes${bytes === MAX_CONFIG_BYTES ? ' (64 KB)' : ''}`;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? '';
}
